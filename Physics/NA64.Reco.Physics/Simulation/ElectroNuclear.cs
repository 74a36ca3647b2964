using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Electro-nuclear interactions e⁻A → e⁻X of a beam electron in the material between the last tracker station and the
/// ECAL (docs/physics.md §4b): the electron's momentum and its synchrotron radiation are already measured, and it
/// reaches the ECAL with E(1 − y) while the hadrons X, made by the exchanged photon of energy yE, spread out and can
/// miss the calorimeters. Interactions further upstream leave the trackers a kinked track and extra ones: not simulated.
/// <para>Rate: the Weizsäcker–Williams photon flux of the electron, dN = α/(2π) · (1 + (1 − y)²)/y · dy · dQ²/Q²
/// (Pythia 8's Lepton2gamma; Budnev et al., Phys. Rep. 15 (1975) 181), from Q²_min = m_e² y²/(1 − y), each virtual
/// photon's hadronic cross-section falling as the dipole nucleon form factor (1 + Q²/Q₀²)⁻², Q₀² = 0.711 GeV² (Geant4,
/// G4ElectroNuclearCrossSection), which integrates to ln(1 + 1/t) − 1/(1 + t), t = Q²_min/Q₀²; times the real-photon
/// absorption cross-section σ(γA) = A_eff · σ(γN), σ(γN) = 115 μb (Geant4's G4PhotoNuclearCrossSection high-energy
/// form gives 113.5–116.4 μb over 10–100 GeV; Donnachie–Landshoff 114–120 μb) with Geant4's shadowing
/// A_eff = A(1 − 0.072 ln A); times the nuclei per cm² of each layer, N_A · t / A. Only y ≥ <see cref="MinEnergyFraction"/>
/// is simulated: a softer photon leaves the electron ≥ 75 GeV, which no missing-energy selection takes.</para>
/// <para>Final state, a model of this code: Q² drawn from the same dQ²/Q² (1 + Q²/Q₀²)⁻² sets the electron's angle
/// θ² = (Q² − Q²_min)/(E E'); the photon's energy yE goes to the hadrons of <see cref="PhotonHadrons"/>, which balance
/// the electron's p_T. Charged pions shower as hadrons where their line meets the ECAL (or the HCAL), π⁰ as one EM
/// shower, K⁰_L as neutral hadrons; those that miss both are lost. A charged pion born before the SRD crosses its plane.</para>
/// <para>Bias: with q the probability per electron, a sample's bias B takes q' = min(1, B·q) with the exact weights
/// q/q' and (1 − q)/(1 − q'), as <see cref="HadronDecay"/>. The decision and the final state come from a stream of
/// their own, so that an electron without the interaction is generated as if the process did not exist.</para>
/// </summary>
internal sealed class ElectroNuclear
{
    private const ulong StreamIndex = 0x454C4543_4E554300UL; // "ELECNUC"
    private const double Alpha = 1 / 137.035999084;
    private const double ElectronMassGeV = 0.51099895e-3;
    private const double AvogadroPerMol = 6.02214076e23;
    public const double DipoleQ2GeV2 = 0.711;
    public const double NucleonPhotoabsorptionCm2 = 115e-30;
    public const double ShadowingSlope = 0.072;
    public const double MinEnergyFraction = 0.25;
    /// <summary>Beyond this t = Q²/Q₀² the dipole leaves less than 10⁻⁸ of the flux: the top of the Q² draw.</summary>
    private const double MaxT = 1e4;

    private readonly double _bias;
    private readonly double[] _layerStart, _layerEnd, _layerCumulative;
    private readonly ulong _streamSeed;

    // The photon spectrum depends on constants alone: integrated once per process, not in every generator.
    // Where Q²_min reaches the dipole's scale the flux is negligible: y_max with Q²_min = 10⁴ Q₀².
    private static readonly double s_yMax = 1 - ElectronMassGeV * ElectronMassGeV / (MaxT * DipoleQ2GeV2);
    private static readonly double s_photonsPerElectron = Alpha / (2 * Math.PI) * SpectrumIntegral(MinEnergyFraction, s_yMax);
    // Rejection from y = y_min (y_max/y_min)^u, density ∝ 1/y: accept with y · dN/dy over its largest value, at y_min.
    private static readonly double s_envelopeMax = YTimesSpectrum(MinEnergyFraction);

    public ElectroNuclear(DetectorConditions c, SampleDescriptor sample)
    {
        _bias = sample.Bias;
        _streamSeed = EventRandom.DeriveSeed(sample.Seed, StreamIndex);
        RegionStartM = c.Micromegas.Stations.Length == 0 ? 0 : c.Micromegas.Stations.Max(s => s.ZM);
        var ecal = c.Ecal.ZM;
        var layers = c.Processes.UpstreamMaterial;
        _layerStart = new double[layers.Length];
        _layerEnd = new double[layers.Length];
        _layerCumulative = new double[layers.Length];
        var nucleiCrossSection = 0.0;
        for (var i = 0; i < layers.Length; i++)
        {
            var l = layers[i];
            // The part of the layer between the last tracker and the ECAL; a thin layer counts if it lies there.
            double start = Math.Max(l.ZStartM, RegionStartM), end = Math.Min(l.ZEndM, ecal);
            var fraction = l.ZEndM > l.ZStartM ? Math.Max(0, end - start) / (l.ZEndM - l.ZStartM) : (l.ZStartM >= RegionStartM && l.ZStartM < ecal ? 1 : 0);
            _layerStart[i] = start;
            _layerEnd[i] = Math.Max(start, end);
            nucleiCrossSection += fraction * l.GramsPerCm2 * AvogadroPerMol / l.MassNumber * EffectiveNucleons(l.MassNumber) * NucleonPhotoabsorptionCm2;
            _layerCumulative[i] = nucleiCrossSection;
        }
        Probability = s_photonsPerElectron * nucleiCrossSection;
    }

    /// <summary>z (m) from which the material is simulated: the last tracker station.</summary>
    public double RegionStartM { get; }

    /// <summary>Equivalent photons per electron with y ≥ <see cref="MinEnergyFraction"/>: (α/2π) ∫ dN/dy.</summary>
    public double PhotonsPerElectron => s_photonsPerElectron;

    /// <summary>q: the probability per electron of an interaction with y ≥ <see cref="MinEnergyFraction"/> in the region.</summary>
    public double Probability { get; }

    /// <summary>
    /// Decides, from the event's own stream, whether the electron of energy <paramref name="energyGeV"/> interacts; if
    /// it does, draws the final state into <paramref name="products"/>. Returns the event's weight.
    /// </summary>
    public double Interact(int spill, long eventNumber, double energyGeV, ElectroNuclearProducts products)
    {
        products.Happened = false;
        if (!(Probability > 0)) return 1;
        var rng = EventRandom.ForEvent(_streamSeed, spill, eventNumber);
        var q = Probability;
        var biased = Math.Min(1, _bias * q);
        if (!(rng.NextDouble() < biased)) return (1 - q) / (1 - biased);

        products.Happened = true;
        products.ZM = SampleZ(ref rng);
        double y;
        do y = MinEnergyFraction * Math.Pow(s_yMax / MinEnergyFraction, rng.NextDouble());
        while (rng.NextDouble() * s_envelopeMax > YTimesSpectrum(y));
        var q2Min = Q2Min(y);
        var tMin = q2Min / DipoleQ2GeV2;
        double t;
        do t = tMin * Math.Pow(MaxT / tMin, rng.NextDouble());
        // Proposal ∝ 1/t; the dipole's (1 + t)⁻² relative to its value at t_min is the acceptance.
        while (rng.NextDouble() * (1 + t) * (1 + t) > (1 + tMin) * (1 + tMin));
        var q2 = t * DipoleQ2GeV2;
        var electron = energyGeV * (1 - y);
        products.ElectronGeV = electron;
        var theta = Math.Sqrt(Math.Max(0, q2 - q2Min) / (energyGeV * electron));
        var phi = 2 * Math.PI * rng.NextDouble();
        products.ElectronSlopeX = theta * Math.Cos(phi);
        products.ElectronSlopeY = theta * Math.Sin(phi);

        // The electron's transverse momentum is balanced by the hadrons.
        products.Hadrons.Draw(ref rng, y * energyGeV, electron * products.ElectronSlopeX, electron * products.ElectronSlopeY);
        return q / biased;
    }

    /// <summary>Geant4's A_eff = A(1 − 0.072 ln A): the nucleons a real photon sees in a nucleus of mass number A.</summary>
    internal static double EffectiveNucleons(double massNumber) => massNumber * (1 - ShadowingSlope * Math.Log(massNumber));

    /// <summary>∫ (1 + (1 − y)²)/y · L(y) dy over [a, b] (<see cref="DipoleLog"/>), Simpson's rule in ln y (the integrand × y is smooth there).</summary>
    internal static double SpectrumIntegral(double a, double b)
    {
        const int n = 4000;
        double la = Math.Log(a), h = (Math.Log(b) - la) / n, sum = 0;
        for (var k = 0; k <= n; k++)
        {
            var w = k == 0 || k == n ? 1 : k % 2 == 1 ? 4 : 2;
            sum += w * YTimesSpectrum(Math.Exp(la + k * h));
        }
        return sum * h / 3;
    }

    private static double Q2Min(double y) => ElectronMassGeV * ElectronMassGeV * y * y / (1 - y);

    /// <summary>y · (1 + (1 − y)²)/y · L(y): the spectrum per unit ln y, without α/2π.</summary>
    private static double YTimesSpectrum(double y) => (1 + (1 - y) * (1 - y)) * DipoleLog(Q2Min(y) / DipoleQ2GeV2);

    /// <summary>L = ∫_{t}^{∞} dt'/(t'(1 + t')²) = ln(1 + 1/t) − 1/(1 + t): the dQ²/Q² integral under the dipole.</summary>
    internal static double DipoleLog(double t) => Math.Log(1 + 1 / t) - 1 / (1 + t);

    private double SampleZ(ref EventRandom rng)
    {
        var total = _layerCumulative[^1];
        var u = rng.NextDouble() * total;
        var i = 0;
        while (i < _layerCumulative.Length - 1 && !(u < _layerCumulative[i])) i++;
        return _layerStart[i] + (_layerEnd[i] - _layerStart[i]) * rng.NextDouble();
    }
}
