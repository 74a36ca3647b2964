using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Energy deposits in ECAL (preshower + main), HCAL and VETO for electrons, hadrons and muons (physics.md §3, §4),
/// accumulated in MeV and then digitised.
/// <para>EM showers: visible energy E(1 + G·√(a²/E + b²)); longitudinal Gamma profile dE/dt ∝ (βt)^{α−1}e^{−βt} with
/// t_max = ln(E/E_crit) − 0.5, ⟨α⟩ = 1 + b·t_max, ln t_max and ln α correlated Gaussians (widths and correlation of
/// Grindhammer &amp; Peters, hep-ex/0001020, §2.2: σ(ln T) = 1/(−1.4 + 1.26 ln y), σ(ln α) = 1/(−0.58 + 0.86 ln y),
/// ρ = 0.705 − 0.023 ln y); preshower share P(α, β·X0_pre), ECAL share P(α, β·X0_total), the rest goes to HCAL module 0.
/// Laterally a two-component profile (80% core R = 0.2 R_M, 20% tail R = 0.7 R_M: 90% within R_M, 99% within 3.5 R_M)
/// integrated per cell (<see cref="LateralProfileTable"/>); energy outside the 6 × 6 cells is lost. The 3 × 3 cells
/// around the impact (each cell's energy, both sections) fluctuate as a sampling calorimeter's cells do, each by σ² = a²·e_cell, with the
/// 3 × 3 sum kept (the total's fluctuation is the one drawn above): δ_i = a√e_i·G_i − (e_i/Σe)·Σ_j a√e_j·G_j
/// (physics.md §4).</para>
/// <para>Hadrons: a fraction <c>HadronPunchThroughFraction</c> and those that do not interact within ECAL + HCAL leave
/// MIPs only; otherwise the interaction depth is exponential in λ_int, a MIP is deposited before it, and the shower
/// splits into an EM part (fraction 1 − (E/1 GeV)^{−0.18} ± 0.15, Groom/Wigmans) showering as above from that depth
/// and a hadronic part with a Gamma(2, 0.9 λ ± 25%) longitudinal profile shared between ECAL and the HCAL modules,
/// smeared with the HCAL resolution. VETO counters see a MIP each when the hadron leaves the ECAL, or a number of MIPs
/// growing with the hadronic energy leaving it. A hadron made inside the calorimeters (<see cref="AddHadronFrom"/>, the
/// secondaries of docs/physics.md §4b–4c) starts at its depth, without the punch-through fraction of the beam's hadrons;
/// a neutral one (K⁰_L) ionises nothing and gives the VETO no signal of its own. Muons (<see cref="AddMuon"/>): MIP in
/// every layer they cross (ECAL <c>MipMeV</c>, each HCAL module <c>MipMeVPerModule</c>, each VETO counter <c>MipMeV</c>),
/// 10–15% Gaussian fluctuations, plus their discrete transfers and their range (physics.md §8c); a charged hadron that
/// crosses without interacting leaves the MIPs alone.</para>
/// <para>Digitisation: ECAL cells are scaled by a calibration constant (so that a nominal electron at the nominal
/// beam impact reads E₀ on average after noise and zero suppression, see <see cref="Calibrate"/>), then each channel
/// gets Gaussian noise and zero suppression (below threshold reads 0); keV integers. HCAL cells: true energy + noise,
/// zero suppression. VETO: noise, clipped at 0. Noise has a non-Gaussian tail: per event a Poisson number of readings
/// (mean <c>NoiseTailFraction</c> × channels) take their noise from a Gaussian <c>NoiseTailFactor</c> times wider; a
/// hot cell always does; a dead cell reads nothing.</para>
/// <para>Pile-up (physics.md §3b): a pile-up particle's deposits are made with the gains of <see cref="SetGains"/>,
/// the fraction of each detector's pulse that overlaps the event's.</para>
/// </summary>
internal sealed class CalorimeterSimulator
{
    private const double EmCoreFraction = 0.8, EmCoreRadiusRm = 0.2, EmTailRadiusRm = 0.7;
    private const double HadCoreFraction = 0.5, HadCoreRadiusRm = 0.6, HadTailRadiusRm = 2.0;
    private const double HcalCoreFraction = 0.6, HcalCoreRadiusMm = 40.0, HcalTailRadiusMm = 100.0;
    // The hadronic longitudinal profile is Gamma(2, θ): shape 2 is built into its closed-form CDF below.
    internal const double HadronicScaleLambda = 0.9;
    /// <summary>The relative spread of that scale, event by event (clipped to [0.3, 2] of it).</summary>
    internal const double HadronicScaleSpread = 0.25;
    /// <summary>A hadron shower's EM fraction is 1 − (E/1 GeV)^−this (Groom; physics.md §4).</summary>
    internal const double EmFractionExponent = 0.18;
    /// <summary>Its event-to-event spread (absolute), the fraction clipped to [0, 1].</summary>
    internal const double EmFractionSpread = 0.15;
    private const double MipSpread = 0.1;
    /// <summary>Relative r.m.s. of a VETO counter's MIP signal (physics.md §3).</summary>
    internal const double VetoMipSpread = 0.15;
    /// <summary>Charged secondaries reaching the VETO per GeV of hadronic energy leaving the ECAL.</summary>
    internal const double VetoMipsPerGeV = 0.1;
    /// <summary>Lost energy above this fraction of the particle's energy sets <see cref="TruthFlags.Leakage"/>.</summary>
    public const double LeakageFlagFraction = 0.05;


    private readonly DetectorConditions _c;
    private readonly EcalConditions _ecal;
    private readonly HcalConditions _hcal;
    private readonly LateralProfileTable _emLateral;
    private readonly LateralProfileTable _hadLateral;
    private readonly LateralProfileTable _hcalLateral;
    private readonly double _totalX0;
    private readonly double _x0PerLambda;
    private readonly double _totalLambda;
    private readonly double _ecalCalibration;
    private readonly double[] _ecalPre;
    private readonly double[] _ecalMain;
    private readonly double[] _hcalCells;
    private readonly double[] _veto;
    // Per channel: the noise σ (the tail's for a hot cell, 0 for a dead one) and 1, or 0 for a dead cell.
    private readonly double[] _ecalSigma, _ecalLive, _hcalSigma, _hcalLive;
    // Extra noise of this event's tail readings, per channel (ECAL: preshower cells, then main cells); cleared after use.
    private readonly double[] _ecalExtra, _hcalExtra, _vetoExtra;
    private readonly NoiseTail _noiseTail;
    private MuonCalorimeterPassage? _muons;
    private readonly double _ecalX0GPerCm2;
    private readonly double _ecalSampling2;
    private double _ecalGain = 1, _hcalGain = 1, _vetoGain = 1;

    public CalorimeterSimulator(DetectorConditions c, DetectorGeometry geometry)
    {
        _c = c;
        _ecal = c.Ecal;
        _hcal = c.Hcal;
        var rm = _ecal.MoliereRadiusMm;
        var ecalOffsets = Math.Max(_ecal.Nx, _ecal.Ny) - 1;
        _emLateral = new LateralProfileTable(_ecal.CellMm, ecalOffsets, EmCoreFraction, EmCoreRadiusRm * rm, EmTailRadiusRm * rm);
        _hadLateral = new LateralProfileTable(_ecal.CellMm, ecalOffsets, HadCoreFraction, HadCoreRadiusRm * rm, HadTailRadiusRm * rm);
        _hcalLateral = new LateralProfileTable(_hcal.CellMm, Math.Max(_hcal.Nx, _hcal.Ny) - 1, HcalCoreFraction, HcalCoreRadiusMm, HcalTailRadiusMm);
        _totalX0 = _ecal.PreshowerX0 + _ecal.MainX0;
        _x0PerLambda = _totalX0 / _ecal.InteractionLengths;
        _totalLambda = _ecal.InteractionLengths + _hcal.Modules * _hcal.InteractionLengthsPerModule;
        _ecalPre = new double[_ecal.Cells];
        _ecalMain = new double[_ecal.Cells];
        _hcalCells = new double[_hcal.Modules * _hcal.CellsPerModule];
        _veto = new double[c.Veto.Counters];
        (_ecalSigma, _ecalLive) = ChannelTables(_ecal.Cells, _ecal.NoiseMeV, _ecal.NoiseTailFactor, _ecal.DeadCells, _ecal.HotCells);
        (_hcalSigma, _hcalLive) = ChannelTables(_hcalCells.Length, _hcal.NoiseMeV, _hcal.NoiseTailFactor, _hcal.DeadCells, _hcal.HotCells);
        _ecalExtra = new double[2 * _ecal.Cells];
        _hcalExtra = new double[_hcalCells.Length];
        _vetoExtra = new double[_veto.Length];
        _noiseTail = new NoiseTail(
            [_ecalExtra, _hcalExtra, _vetoExtra],
            [_ecal.NoiseTailFraction * _ecalExtra.Length, _hcal.NoiseTailFraction * _hcalExtra.Length, c.Veto.NoiseTailFraction * _vetoExtra.Length],
            [_ecal.NoiseMeV, _hcal.NoiseMeV, c.Veto.NoiseMeV],
            [_ecal.NoiseTailFactor, _hcal.NoiseTailFactor, c.Veto.NoiseTailFactor]);
        // a² in MeV: σ²(e) = a²·e with e and σ in GeV is a²·1000·e in MeV.
        _ecalSampling2 = _ecal.Stochastic * _ecal.Stochastic * 1000.0;

        _ecalX0GPerCm2 = c.APrime.AbsorberX0Cm * c.APrime.AbsorberDensityGPerCm3;
        // The muon tables are built with the simulator (once per process, shared), not at the first muon inside the event loop.
        if (MuonMaterial.Find(c.APrime.AbsorberZ) is not null) _muons = MuonCalorimeterPassage.Of(c);

        _ecalCalibration = Calibrate(c, geometry);
    }

    /// <summary>
    /// The ECAL calibration constant k: a nominal electron at the nominal impact (mean profile), digitised as
    /// k·E + noise with zero suppression, reads E₀ on average. The expected reading of a channel of true energy E is
    /// E(1 − Φ(z)) + σφ(z), z = (ZS − E)/σ; k is found by fixed-point iteration. This is what a calibration with the
    /// electron beam does: it absorbs lateral leakage and the energy lost under the zero-suppression threshold.
    /// </summary>
    private double Calibrate(DetectorConditions c, DetectorGeometry geometry)
    {
        var e0 = c.Beam.EnergyGeV * 1000.0;
        var x = geometry.DeflectionRad(c.Beam.EnergyGeV) * (_ecal.ZM - c.Magnet.ZCentreM) * 1000.0;
        var ux = (x - _ecal.CentreXMm) / _ecal.CellMm + 0.5 * _ecal.Nx;
        var uy = (0.0 - _ecal.CentreYMm) / _ecal.CellMm + 0.5 * _ecal.Ny;
        if (!(ux >= 0 && ux < _ecal.Nx && uy >= 0 && uy < _ecal.Ny)) return 1;
        var (alpha, beta) = MeanProfile(c.Beam.EnergyGeV);
        var pre = IncompleteGammaTable.P(alpha, beta * _ecal.PreshowerX0);
        var contained = IncompleteGammaTable.P(alpha, beta * _totalX0);
        var ix = (int)ux;
        var iy = (int)uy;
        var corners = _emLateral.Locate(ux - ix, uy - iy);
        var target = e0 * contained; // what leaves the ECAL longitudinally is measured in the HCAL
        var k = 1.0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var reading = 0.0;
            for (var jy = 0; jy < _ecal.Ny; jy++)
                for (var jx = 0; jx < _ecal.Nx; jx++)
                {
                    var f = _emLateral.Fraction(corners, jx - ix, jy - iy);
                    reading += ExpectedReading(k * e0 * pre * f) + ExpectedReading(k * e0 * (contained - pre) * f);
                }
            var next = k * target / reading;
            if (Math.Abs(next - k) < 1e-12) return next;
            k = next;
        }
        return k;
    }

    private double ExpectedReading(double mev)
    {
        var sigma = _ecal.NoiseMeV;
        if (sigma <= 0) return mev >= _ecal.ZeroSuppressionMeV ? mev : 0;
        var z = (_ecal.ZeroSuppressionMeV - mev) / sigma;
        return mev * (1 - FastNormal.Cdf(z)) + sigma * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
    }

    /// <summary>Scale applied to ECAL deposits so that a nominal electron reads E₀ on average.</summary>
    public double EcalCalibration => _ecalCalibration;

    /// <summary>
    /// Scales the deposits that follow (a pile-up particle's: the overlap of its pulse with the event's in each
    /// detector); 1, 1, 1 for the event's own particle.
    /// </summary>
    public void SetGains(double ecal, double hcal, double veto)
    {
        _ecalGain = ecal;
        _hcalGain = hcal;
        _vetoGain = veto;
    }

    public void Clear()
    {
        Array.Clear(_ecalPre);
        Array.Clear(_ecalMain);
        Array.Clear(_hcalCells);
        Array.Clear(_veto);
    }

    /// <summary>An EM shower of <paramref name="energyGeV"/> entering the ECAL front face; returns the energy lost (GeV).</summary>
    public double AddEmShower(ref EventRandom rng, double energyGeV, in CaloImpact impact)
    {
        if (energyGeV <= 0) return 0;
        var visible = energyGeV * (1 + FastNormal.Sample(ref rng) * Math.Sqrt(_ecal.Stochastic * _ecal.Stochastic / energyGeV + _ecal.Constant * _ecal.Constant));
        visible = Math.Max(visible, 0) * 1000.0;
        var (alpha, beta) = SampleProfile(ref rng, energyGeV);
        var pre = IncompleteGammaTable.P(alpha, beta * _ecal.PreshowerX0);
        var contained = IncompleteGammaTable.P(alpha, beta * _totalX0);
        var lostMeV = 0.0;
        if (!DepositEcal(ref rng, _emLateral, impact.EcalXMm, impact.EcalYMm, visible * pre, visible * (contained - pre), ref lostMeV))
        {
            // Missed the ECAL: the whole shower develops in the first HCAL module.
            lostMeV += DepositHcal(0, visible, impact.HcalXMm, impact.HcalYMm);
            return lostMeV * 1e-3;
        }
        lostMeV += DepositHcal(0, visible * (1 - contained), impact.HcalXMm, impact.HcalYMm);
        return lostMeV * 1e-3;
    }

    /// <summary>MIP deposits of a charged hadron that crosses the calorimeters without interacting, from depth <paramref name="startX0"/> of the ECAL on.</summary>
    public void AddMip(ref EventRandom rng, in CaloImpact impact, double startX0)
    {
        var ecalMip = _ecal.MipMeV * (1 + MipSpread * FastNormal.Sample(ref rng));
        var (preLength, mainLength) = EcalPath(startX0, _totalX0);
        var lost = 0.0;
        var inEcal = DepositEcalCell(impact.EcalXMm, impact.EcalYMm, ecalMip * preLength / _totalX0, ecalMip * mainLength / _totalX0, ref lost);
        for (var m = 0; m < _hcal.Modules; m++)
            DepositHcalCell(m, _hcal.MipMeVPerModule * (1 + MipSpread * FastNormal.Sample(ref rng)), impact.HcalXMm, impact.HcalYMm);
        if (inEcal) AddVetoMips(ref rng, 1);
    }

    /// <summary>
    /// A muon of total energy E from depth <paramref name="startX0"/> of the ECAL on (physics.md §8c): its MIP in every
    /// layer it crosses (10% Gaussian), its discrete transfers above the cut of <see cref="MuonCalorimeterPassage"/> in the
    /// layer they happen in (shared between the ECAL's preshower and main section as its path is), and its range: a muon
    /// that stops in the ECAL or in an HCAL module leaves nothing behind that point, and none in the VETO.
    /// </summary>
    public void AddMuon(ref EventRandom rng, in CaloImpact impact, double startX0, double energyGeV)
    {
        // Built here only for an absorber without muon ionisation parameters, where it throws the conditions error: such
        // conditions can still simulate samples without muons.
        var muons = _muons ??= MuonCalorimeterPassage.Of(_c);
        var energy = energyGeV;
        if (IsInEcal(impact.EcalXMm, impact.EcalYMm))
        {
            var remainingX0 = Math.Max(0, _totalX0 - startX0);
            (var ecalTransfers, energy, var traversed) = muons.CrossEcal(energyGeV, remainingX0 * _ecalX0GPerCm2, ref rng);
            var (preLength, mainLength) = EcalPath(startX0, Math.Min(_totalX0, startX0) + traversed * remainingX0);
            var path = preLength + mainLength;
            var lost = 0.0;
            var mip = _ecal.MipMeV * (1 + MipSpread * FastNormal.Sample(ref rng)) / _totalX0;
            var transferMeV = path > 0 ? ecalTransfers * 1e3 / path : 0;
            DepositEcalCell(impact.EcalXMm, impact.EcalYMm, (mip + transferMeV) * preLength, (mip + transferMeV) * mainLength, ref lost);
            if (!(energy > 0)) return;
            AddVetoMips(ref rng, 1);
        }
        Span<double> transfers = stackalloc double[_hcal.Modules];
        Span<double> crossed = stackalloc double[_hcal.Modules];
        muons.CrossHcal(energy, transfers, crossed, ref rng);
        for (var m = 0; m < _hcal.Modules && crossed[m] > 0; m++)
            DepositHcalCell(m, _hcal.MipMeVPerModule * (1 + MipSpread * FastNormal.Sample(ref rng)) * crossed[m] + transfers[m] * 1e3,
                impact.HcalXMm, impact.HcalYMm);
    }

    /// <summary>The lengths in X₀ of the preshower and of the main section along a path from depth <paramref name="startX0"/> to <paramref name="endX0"/>.</summary>
    private (double Pre, double Main) EcalPath(double startX0, double endX0) =>
        (Math.Max(0, Math.Min(endX0, _ecal.PreshowerX0) - startX0), Math.Max(0, endX0 - Math.Max(startX0, _ecal.PreshowerX0)));

    /// <summary>The depth in λ_int of a point <paramref name="depthX0"/> X₀ into the ECAL (its end, if beyond it).</summary>
    public double EcalDepthLambda(double depthX0) => Math.Min(depthX0, _totalX0) / _x0PerLambda;

    /// <summary>A π⁻/K⁻ entering the ECAL; returns the energy lost (GeV) and sets the hadron truth flags.</summary>
    public double AddHadron(ref EventRandom rng, double energyGeV, in CaloImpact impact, ref TruthFlags flags)
    {
        var depth = rng.Chance(_c.Processes.HadronPunchThroughFraction) ? double.PositiveInfinity : rng.NextExponential(1.0);
        if (depth >= _totalLambda)
        {
            flags |= TruthFlags.PunchThrough;
            AddMip(ref rng, impact, 0);
            return 0;
        }
        flags |= TruthFlags.HadronInteraction;
        return HadronShower(ref rng, energyGeV, impact, 0, depth, true, ref flags);
    }

    /// <summary>
    /// A hadron made in the calorimeters at depth <paramref name="startLambda"/> (λ_int from the ECAL front), or entering
    /// them there (0): it interacts after an exponential path, or crosses ECAL and HCAL, a charged one leaving MIPs, a
    /// neutral one nothing. With <paramref name="escapeBias"/> above its natural escape probability P = e^{−(L − start)}
    /// it escapes with probability <paramref name="escapeBias"/>, <paramref name="weight"/> × P/escapeBias, or interacts
    /// at a depth drawn from the exponential cut at L, weight × (1 − P)/(1 − escapeBias). Returns the energy lost (GeV).
    /// </summary>
    public double AddHadronFrom(ref EventRandom rng, double energyGeV, in CaloImpact impact, double startLambda, bool charged,
        double escapeBias, ref double weight, ref TruthFlags flags)
    {
        double depth;
        var escape = Math.Exp(startLambda - _totalLambda);
        if (escapeBias > escape)
        {
            if (rng.NextDouble() < escapeBias)
            {
                weight *= escape / escapeBias;
                depth = double.PositiveInfinity;
            }
            else
            {
                weight *= (1 - escape) / (1 - escapeBias);
                depth = startLambda - Math.Log(1 - rng.NextDouble() * (1 - escape));
            }
        }
        else
            depth = startLambda + rng.NextExponential(1.0);
        if (depth >= _totalLambda)
        {
            if (!charged) return energyGeV;
            AddMip(ref rng, impact, startLambda * _x0PerLambda);
            return 0;
        }
        return HadronShower(ref rng, energyGeV, impact, startLambda, depth, charged, ref flags);
    }

    /// <summary>A hadron made in the calorimeters (<see cref="AddHadronFrom(ref EventRandom, double, in CaloImpact, double, bool, double, ref double, ref TruthFlags)"/>) with its natural escape.</summary>
    public double AddHadronFrom(ref EventRandom rng, double energyGeV, in CaloImpact impact, double startLambda, bool charged, ref TruthFlags flags)
    {
        var unbiased = 1.0;
        return AddHadronFrom(ref rng, energyGeV, impact, startLambda, charged, 0, ref unbiased, ref flags);
    }

    /// <summary>
    /// The shower of a hadron that interacts at <paramref name="depth"/> λ, having ionised from
    /// <paramref name="startLambda"/> on if charged; sets <see cref="TruthFlags.Leakage"/>, returns the energy lost (GeV).
    /// </summary>
    private double HadronShower(ref EventRandom rng, double energyGeV, in CaloImpact impact, double startLambda, double depth, bool charged, ref TruthFlags flags)
    {
        var ecalL = _ecal.InteractionLengths;
        var depthX0 = depth * _x0PerLambda;
        var inEcal = IsInEcal(impact.EcalXMm, impact.EcalYMm);
        var lostMeV = 0.0;
        Span<double> hcalBuffer = stackalloc double[_hcal.CellsPerModule];
        var hcal = HcalFractions(impact.HcalXMm, impact.HcalYMm, hcalBuffer);

        if (charged)
        {
            // MIP of the hadron from where it starts to the interaction point.
            var mip = _ecal.MipMeV * (1 + MipSpread * FastNormal.Sample(ref rng));
            var startX0 = startLambda * _x0PerLambda;
            var (preLength, mainLength) = EcalPath(startX0, Math.Min(depthX0, _totalX0));
            DepositEcalCell(impact.EcalXMm, impact.EcalYMm, mip * preLength / _totalX0, mip * mainLength / _totalX0, ref lostMeV);
            for (var m = 0; m < _hcal.Modules; m++)
            {
                var crossed = Math.Clamp(depth - ecalL - m * _hcal.InteractionLengthsPerModule, 0, _hcal.InteractionLengthsPerModule);
                if (crossed > 0) DepositHcalCell(m, _hcal.MipMeVPerModule * crossed / _hcal.InteractionLengthsPerModule, impact.HcalXMm, impact.HcalYMm);
            }
        }

        var e = energyGeV * 1000.0;
        var emFraction = energyGeV > 1 ? 1 - Math.Pow(energyGeV, -EmFractionExponent) : 0;
        emFraction = Math.Clamp(emFraction + EmFractionSpread * FastNormal.Sample(ref rng), 0, 1);
        var em = e * emFraction;
        var had = e - em;

        // EM part: a shower starting at the interaction depth. Energy that a hadron shower spreads beyond the ECAL's
        // sides continues forward into the (much wider) HCAL: it goes to module 0.
        var sideMeV = 0.0;
        if (depth < ecalL)
        {
            var (alpha, beta) = SampleProfile(ref rng, Math.Max(em * 1e-3, 1e-3));
            var remainingPre = Math.Max(0, _ecal.PreshowerX0 - depthX0);
            var pre = IncompleteGammaTable.P(alpha, beta * remainingPre);
            var contained = IncompleteGammaTable.P(alpha, beta * (_totalX0 - depthX0));
            var visibleEm = em * Resolution(ref rng, em * 1e-3, _ecal.Stochastic, _ecal.Constant);
            if (!DepositEcal(ref rng, _emLateral, impact.EcalXMm, impact.EcalYMm, visibleEm * pre, visibleEm * (contained - pre), ref sideMeV))
                sideMeV += visibleEm * contained;
            sideMeV += visibleEm * (1 - contained);
        }
        else
        {
            var module = Math.Min(_hcal.Modules - 1, (int)((depth - ecalL) / _hcal.InteractionLengthsPerModule));
            lostMeV += DepositHcal(module, em * Resolution(ref rng, em * 1e-3, _hcal.Stochastic, _hcal.Constant), hcal);
        }

        // Hadronic part: Gamma(2, θ) in λ from the interaction depth, CDF 1 − (1 + s/θ)e^{−s/θ}.
        var theta = HadronicScaleLambda * Math.Clamp(1 + HadronicScaleSpread * FastNormal.Sample(ref rng), 0.3, 2.0);
        var smearHad = Resolution(ref rng, had * 1e-3, _hcal.Stochastic, _hcal.Constant);
        var visibleHad = had * smearHad;
        var previous = 0.0;
        if (depth < ecalL)
        {
            var preEnd = Math.Max(0, _ecal.PreshowerX0 / _x0PerLambda - depth);
            var cPre = HadronicCdf(preEnd, theta);
            var cEcal = HadronicCdf(ecalL - depth, theta);
            if (!DepositEcal(ref rng, _hadLateral, impact.EcalXMm, impact.EcalYMm, visibleHad * cPre, visibleHad * (cEcal - cPre), ref sideMeV))
                sideMeV += visibleHad * cEcal;
            previous = cEcal;
            if (inEcal) AddVetoMips(ref rng, VetoMipsPerGeV * visibleHad * (1 - cEcal) * 1e-3);
        }
        else if (inEcal && charged)
            AddVetoMips(ref rng, 1);
        lostMeV += DepositHcal(0, sideMeV, hcal);
        for (var m = 0; m < _hcal.Modules; m++)
        {
            var end = ecalL + (m + 1) * _hcal.InteractionLengthsPerModule - depth;
            if (end <= 0) continue;
            var cum = HadronicCdf(end, theta);
            lostMeV += DepositHcal(m, visibleHad * (cum - previous), hcal);
            previous = cum;
        }
        lostMeV += visibleHad * (1 - previous);
        if (lostMeV > LeakageFlagFraction * e) flags |= TruthFlags.Leakage;
        return lostMeV * 1e-3;
    }

    /// <summary>Adds noise and zero suppression and writes the calorimeter and VETO amplitudes (keV) into the event.</summary>
    public void Digitize(ref EventRandom rng, RawEvent ev)
    {
        // The generator state in a local (written back at the end): through the ref it would go to memory on every draw.
        var r = rng;
        var tails = _noiseTail.Draw(ref r);
        var ecalZs = _ecal.ZeroSuppressionMeV;
        var calibration = _ecalCalibration;
        var pre = _ecalPre.AsSpan();
        var n = pre.Length;
        var main = _ecalMain.AsSpan(0, n);
        var sigma = _ecalSigma.AsSpan(0, n);
        var live = _ecalLive.AsSpan(0, n);
        var extraPre = _ecalExtra.AsSpan(0, n);
        var extraMain = _ecalExtra.AsSpan(n, n);
        var preOut = ev.EcalPreshowerKeV.AsSpan(0, n);
        var mainOut = ev.EcalMainKeV.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            var k = calibration * live[i];
            preOut[i] = Suppress(pre[i] * k + sigma[i] * FastNormal.Sample(ref r) + extraPre[i] * live[i], ecalZs);
            mainOut[i] = Suppress(main[i] * k + sigma[i] * FastNormal.Sample(ref r) + extraMain[i] * live[i], ecalZs);
        }
        var hcal = _hcalCells.AsSpan();
        var hcalOut = ev.HcalKeV.AsSpan(0, hcal.Length);
        var hcalSigma = _hcalSigma.AsSpan(0, hcal.Length);
        var hcalLive = _hcalLive.AsSpan(0, hcal.Length);
        var hcalExtra = _hcalExtra.AsSpan(0, hcal.Length);
        var hcalZs = _hcal.ZeroSuppressionMeV;
        for (var i = 0; i < hcal.Length; i++)
            hcalOut[i] = Suppress(hcal[i] * hcalLive[i] + hcalSigma[i] * FastNormal.Sample(ref r) + hcalExtra[i] * hcalLive[i], hcalZs);
        var veto = _veto.AsSpan();
        var vetoOut = ev.VetoKeV.AsSpan(0, veto.Length);
        var vetoExtra = _vetoExtra.AsSpan(0, veto.Length);
        var vetoNoise = _c.Veto.NoiseMeV;
        for (var i = 0; i < veto.Length; i++)
        {
            var v = veto[i] + vetoNoise * FastNormal.Sample(ref r) + vetoExtra[i];
            vetoOut[i] = v > 0 ? (int)(v * 1000 + 0.5) : 0;
        }
        if (tails)
        {
            Array.Clear(_ecalExtra);
            Array.Clear(_hcalExtra);
            Array.Clear(_vetoExtra);
        }
        rng = r;
    }

    /// <summary>Per channel noise σ (hot: the tail's; dead: 0) and live factor (dead: 0).</summary>
    private static (double[] Sigma, double[] Live) ChannelTables(int channels, double noiseMeV, double tailFactor, int[] dead, int[] hot)
    {
        var sigma = new double[channels];
        var live = new double[channels];
        Array.Fill(sigma, noiseMeV);
        Array.Fill(live, 1.0);
        foreach (var h in hot) sigma[h] = noiseMeV * tailFactor;
        foreach (var d in dead)
        {
            sigma[d] = 0;
            live[d] = 0;
        }
        return (sigma, live);
    }

    private static int Suppress(double mev, double threshold) => mev >= threshold ? (int)(mev * 1000 + 0.5) : 0;

    private static double HadronicCdf(double s, double theta)
    {
        if (s <= 0) return 0;
        var u = s / theta;
        return 1 - (1 + u) * Math.Exp(-u);
    }

    private static double Resolution(ref EventRandom rng, double energyGeV, double stochastic, double constant)
    {
        var e = Math.Max(energyGeV, 0.1);
        return Math.Max(0, 1 + FastNormal.Sample(ref rng) * Math.Sqrt(stochastic * stochastic / e + constant * constant));
    }

    private void AddVetoMips(ref EventRandom rng, double count)
    {
        if (count <= 0) return;
        for (var i = 0; i < _veto.Length; i++)
            _veto[i] += _vetoGain * _c.Veto.MipMeV * count * Math.Max(0, 1 + VetoMipSpread * FastNormal.Sample(ref rng));
    }

    private (double Alpha, double Beta) MeanProfile(double energyGeV)
    {
        var tMax = Math.Max(Math.Log(Math.Max(energyGeV * 1000.0 / _ecal.CriticalEnergyMeV, 2.0)) - 0.5, 0.5);
        var alpha = 1 + _ecal.ProfileB * tMax;
        return (alpha, (alpha - 1) / tMax);
    }

    private (double Alpha, double Beta) SampleProfile(ref EventRandom rng, double energyGeV)
    {
        var lnY = Math.Max(Math.Log(Math.Max(energyGeV * 1000.0 / _ecal.CriticalEnergyMeV, 2.0)), 3.0);
        var tMax = Math.Max(lnY - 0.5, 0.5);
        var alphaMean = 1 + _ecal.ProfileB * tMax;
        var sigmaT = 1 / (-1.4 + 1.26 * lnY);
        var sigmaA = 1 / (-0.58 + 0.86 * lnY);
        var rho = 0.705 - 0.023 * lnY;
        var g1 = FastNormal.Sample(ref rng);
        var g2 = FastNormal.Sample(ref rng);
        var t = tMax * Math.Exp(sigmaT * g1);
        var alpha = Math.Max(1.05, alphaMean * Math.Exp(sigmaA * (rho * g1 + Math.Sqrt(1 - rho * rho) * g2)));
        return (alpha, (alpha - 1) / t);
    }

    private bool IsInEcal(double xMm, double yMm)
    {
        var ux = (xMm - _ecal.CentreXMm) / _ecal.CellMm + 0.5 * _ecal.Nx;
        var uy = (yMm - _ecal.CentreYMm) / _ecal.CellMm + 0.5 * _ecal.Ny;
        return ux >= 0 && ux < _ecal.Nx && uy >= 0 && uy < _ecal.Ny;
    }

    /// <summary>
    /// Spreads preshower and main energies over the ECAL cells, the 3 × 3 around the impact with their sampling
    /// fluctuations; false (nothing deposited) if the impact misses the ECAL.
    /// </summary>
    private bool DepositEcal(ref EventRandom rng, LateralProfileTable table, double xMm, double yMm, double preMeV, double mainMeV, ref double lostMeV)
    {
        var ux = (xMm - _ecal.CentreXMm) / _ecal.CellMm + 0.5 * _ecal.Nx;
        var uy = (yMm - _ecal.CentreYMm) / _ecal.CellMm + 0.5 * _ecal.Ny;
        if (!(ux >= 0 && ux < _ecal.Nx && uy >= 0 && uy < _ecal.Ny)) return false;
        var ix = (int)ux;
        var iy = (int)uy;
        var nx = _ecal.Nx;
        Span<double> fractions = stackalloc double[_ecal.Cells];
        table.Fill(ux - ix, uy - iy, ix, iy, nx, _ecal.Ny, fractions);
        var sum = 0.0;
        var g = _ecalGain;
        var pre = _ecalPre.AsSpan(0, fractions.Length);
        var main = _ecalMain.AsSpan(0, fractions.Length);
        Span<double> nearFraction = stackalloc double[9];
        Span<int> nearCell = stackalloc int[9];
        var near = 0;
        var ny = _ecal.Ny;
        for (var jy = 0; jy < ny; jy++)
        {
            var nearRow = (uint)(jy - iy + 1) <= 2;
            for (var jx = 0; jx < nx; jx++)
            {
                var cell = jy * nx + jx;
                var f = fractions[cell];
                sum += f;
                if (nearRow && (uint)(jx - ix + 1) <= 2)
                {
                    nearFraction[near] = f;
                    nearCell[near++] = cell;
                    continue;
                }
                pre[cell] += preMeV * f * g;
                main[cell] += mainMeV * f * g;
            }
        }
        SampleCells(ref rng, nearFraction[..near], nearCell[..near], preMeV, mainMeV, g);
        lostMeV += (preMeV + mainMeV) * (1 - sum);
        return true;
    }

    /// <summary>
    /// Deposits (pre, main) × f_i in the given cells with the sampling fluctuation of each cell's energy e_i (both
    /// sections), σ_i² = a²·e_i, keeping their sum: e_i → e_i + δ_i, δ_i = σ_i·G_i − (e_i/Σe)·Σ_j σ_j·G_j, shared
    /// between the sections as e_i is (a cell cannot go below 0).
    /// </summary>
    private void SampleCells(ref EventRandom rng, ReadOnlySpan<double> fraction, ReadOnlySpan<int> cells, double preMeV, double mainMeV, double gain)
    {
        var energyMeV = preMeV + mainMeV;
        if (!(energyMeV > 0)) return;
        Span<double> delta = stackalloc double[9];
        double shift = 0;
        var r = rng;
        for (var k = 0; k < fraction.Length; k++)
        {
            var d = Math.Sqrt(_ecalSampling2 * energyMeV * Math.Max(fraction[k], 0)) * FastNormal.Sample(ref r);
            delta[k] = d;
            shift += d;
        }
        rng = r;
        double total = 0;
        for (var k = 0; k < fraction.Length; k++) total += fraction[k];
        // Per unit of a cell's fraction: its scale factor is 1 + (δ_i − f_i·shift/Σf) / (E·f_i).
        var perFraction = total > 0 ? shift / total : 0;
        for (var k = 0; k < fraction.Length; k++)
        {
            var f = fraction[k];
            var e = energyMeV * f;
            var scale = e > 0 ? gain * Math.Max(0, 1 + (delta[k] - f * perFraction) / e) : gain;
            _ecalPre[cells[k]] += preMeV * f * scale;
            _ecalMain[cells[k]] += mainMeV * f * scale;
        }
    }

    private bool DepositEcalCell(double xMm, double yMm, double preMeV, double mainMeV, ref double lostMeV)
    {
        var ux = (xMm - _ecal.CentreXMm) / _ecal.CellMm + 0.5 * _ecal.Nx;
        var uy = (yMm - _ecal.CentreYMm) / _ecal.CellMm + 0.5 * _ecal.Ny;
        if (!(ux >= 0 && ux < _ecal.Nx && uy >= 0 && uy < _ecal.Ny))
        {
            lostMeV += preMeV + mainMeV;
            return false;
        }
        var cell = (int)uy * _ecal.Nx + (int)ux;
        _ecalPre[cell] += preMeV * _ecalGain;
        _ecalMain[cell] += mainMeV * _ecalGain;
        return true;
    }

    /// <summary>Spreads energy over the cells of HCAL module <paramref name="module"/>; returns the energy that missed the HCAL.</summary>
    private double DepositHcal(int module, double mev, double xMm, double yMm)
    {
        if (mev <= 0) return 0;
        Span<double> fractions = stackalloc double[_hcal.CellsPerModule];
        return DepositHcal(module, mev, HcalFractions(xMm, yMm, fractions));
    }

    /// <summary>
    /// The HCAL's lateral fractions per cell of a module for an impact, computed once for every module a shower deposits
    /// in (they share its impact); empty when the impact misses the HCAL.
    /// </summary>
    private Span<double> HcalFractions(double xMm, double yMm, Span<double> buffer)
    {
        var ux = (xMm - _hcal.CentreXMm) / _hcal.CellMm + 0.5 * _hcal.Nx;
        var uy = (yMm - _hcal.CentreYMm) / _hcal.CellMm + 0.5 * _hcal.Ny;
        if (!(ux >= 0 && ux < _hcal.Nx && uy >= 0 && uy < _hcal.Ny)) return [];
        var ix = (int)ux;
        var iy = (int)uy;
        _hcalLateral.Fill(ux - ix, uy - iy, ix, iy, _hcal.Nx, _hcal.Ny, buffer);
        return buffer;
    }

    /// <summary>Spreads energy over the cells of HCAL module <paramref name="module"/> by <see cref="HcalFractions"/>; returns the energy that missed the HCAL.</summary>
    private double DepositHcal(int module, double mev, ReadOnlySpan<double> fractions)
    {
        if (mev <= 0) return 0;
        if (fractions.IsEmpty) return mev;
        var sum = 0.0;
        var cells = _hcalCells.AsSpan(module * _hcal.CellsPerModule, fractions.Length);
        for (var i = 0; i < fractions.Length; i++)
        {
            cells[i] += mev * fractions[i] * _hcalGain;
            sum += fractions[i];
        }
        return mev * (1 - sum);
    }

    private void DepositHcalCell(int module, double mev, double xMm, double yMm)
    {
        var ux = (xMm - _hcal.CentreXMm) / _hcal.CellMm + 0.5 * _hcal.Nx;
        var uy = (yMm - _hcal.CentreYMm) / _hcal.CellMm + 0.5 * _hcal.Ny;
        if (!(ux >= 0 && ux < _hcal.Nx && uy >= 0 && uy < _hcal.Ny)) return;
        _hcalCells[module * _hcal.CellsPerModule + (int)uy * _hcal.Nx + (int)ux] += mev * _hcalGain;
    }
}
