using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// SRD response (physics.md §3, §3a), particle by particle: <see cref="Begin"/>, then <see cref="AddParticle"/> for the
/// event's beam particle (time 0) and for every pile-up particle in the readout window (its own time), then
/// <see cref="Write"/>.
/// <para>An electron radiates in the magnets a Poisson number of photons of mean (dE/ds · L)/(0.308 E_c) with energies
/// x·E_c from the universal spectrum; the photons leave the magnets on a fan between the undeflected and the deflected
/// beam lines, uniform in emission angle, and those within the modules' x extent (<see cref="FanAcceptance"/>) enter
/// them. A photon converts in module i with <c>ConversionProbability</c> (the rest go on to module i + 1, or are lost
/// behind the last); its shower leaves the fraction 1 − <c>ShowerShareNextModule</c> of its energy there and carries the
/// rest on to the next module (lost behind the last). Module energies are visible energies: deposits ×
/// <c>SamplingFraction</c>. (Without the shower sharing, the last module would see at most 43·p(1 − p)² ≤ 6.4 photons
/// and the first one the hard tail of the spectrum: the 1–80 MeV window could not keep 95% of the electrons.) Muons
/// and hadrons radiate ∝ 1/M⁴, i.e. nothing.</para>
/// <para>Every charged beam particle sends knock-on electrons into each module: a Poisson number of mean
/// <c>DeltaRayPerModule</c> per module, independently (they reach the modules from the side facing the beam, each the
/// module it is aimed at), kinetic energy T from dN/dT ∝ 1/T² within [<c>DeltaRayMinMeV</c>, <c>DeltaRayMaxMeV</c>]
/// (PDG, Passage of particles through matter, eq. 34.8), visible T × <c>SamplingFraction</c>. A particle whose track
/// crosses the modules' face (the beam passes beside them; only its tails, or a particle of another momentum, can)
/// leaves <c>MipVisibleMeV</c> of ionisation in every module. An electron crossing the face also showers in the Pb/Sc:
/// module k, between depths t_k and t_{k+1} (each module <see cref="ModuleX0"/> thick), receives E·[P(a, b·t_{k+1}) −
/// P(a, b·t_k)] of the mean longitudinal profile (PDG, Passage of particles through matter, eq. 34.36: b = 0.5,
/// t_max = ln(E/E_c) − 0.5, E_c(Pb) = 7.43 MeV), visible × <c>SamplingFraction</c>; what the modules absorb no longer
/// reaches the ECAL.</para>
/// <para>One particle's deposits in a module are one pulse at the particle's time smeared by <c>TimeResolutionNs</c>.
/// Stored per module: the sum of all pulses + Gaussian noise <c>NoiseMeV</c>, clipped at 0, in keV; the time of the
/// largest pulse in ps, or a uniform time in the readout window when the module saw nothing.</para>
/// </summary>
internal sealed class SrdDigitizer
{
    private const int MaxModules = 8;
    private const int MaxDeltaRays = 4;

    private readonly SrdConditions _srd;
    private readonly double[] _convertBelow;
    /// <summary>
    /// Per first module m (row m of <see cref="MaxModules"/>; m = modules: converted nowhere) and module k, the factors
    /// of a photon's energy e: deposit e·keep[m, k] in k, then carry e·share[m, k] on. keep = 1 − share and share for
    /// k ≥ m, 0 and 1 before m: the same products as the loop over modules from m on, and +0 elsewhere.
    /// </summary>
    private readonly double[] _keepFrom, _shareFrom;
    private readonly double _keepShare;
    private readonly double[] _photonCountCdf;
    /// <summary>Poisson CDF of the knock-on count per module, k = 0 … <see cref="MaxDeltaRays"/>.</summary>
    private readonly double[] _deltaRayCdf = new double[MaxDeltaRays + 1];
    private readonly double _deltaRayRatio;
    private const double LeadCriticalEnergyMeV = 7.43, ProfileB = 0.5;
    private readonly double _fieldT;
    private readonly double _lengthM;
    // Per module: the summed pulses, and the largest pulse with its time.
    private readonly double[] _sum = new double[MaxModules];
    private readonly double[] _largest = new double[MaxModules];
    private readonly double[] _largestTimeNs = new double[MaxModules];

    public SrdDigitizer(DetectorConditions c)
    {
        _srd = c.Srd;
        _fieldT = c.Magnet.FieldT;
        _lengthM = c.Magnet.ZEndM - c.Magnet.ZStartM;
        // One uniform picks the module: photon converts in module i if u < Σ_{j≤i} p(1 − p)^j.
        _keepShare = 1 - _srd.ShowerShareNextModule;
        ModuleX0 = -9.0 / 7.0 * Math.Log(1 - _srd.ConversionProbability);
        _convertBelow = new double[_srd.Modules];
        var survive = 1.0;
        var cum = 0.0;
        for (var i = 0; i < _srd.Modules; i++)
        {
            cum += survive * _srd.ConversionProbability;
            survive *= 1 - _srd.ConversionProbability;
            _convertBelow[i] = cum;
        }
        _keepFrom = new double[(MaxModules + 1) * MaxModules];
        _shareFrom = new double[(MaxModules + 1) * MaxModules];
        for (var m = 0; m <= _srd.Modules; m++)
            for (var k = 0; k < MaxModules; k++)
            {
                var active = k >= m && k < _srd.Modules;
                _keepFrom[m * MaxModules + k] = active ? _keepShare : 0;
                _shareFrom[m * MaxModules + k] = active ? _srd.ShowerShareNextModule : 1;
            }
        // γ/ρ = 0.3·B·1000/m does not depend on the momentum, so neither does the photon count.
        MeanPhotonCount = MeanPhotons(c.Beam.EnergyGeV);
        FanAcceptance = Acceptance(c, c.Beam.EnergyGeV);
        var mean = MeanPhotonCount * FanAcceptance;
        // Poisson CDF of the (constant) photon count in the modules, for sampling by inversion with one uniform.
        var kMax = (int)(mean + 12 * Math.Sqrt(mean) + 12);
        _photonCountCdf = new double[kMax + 1];
        var term = Math.Exp(-mean);
        var sum = 0.0;
        for (var k = 0; k <= kMax; k++)
        {
            sum += term;
            _photonCountCdf[k] = sum;
            term *= mean / (k + 1);
        }
        term = Math.Exp(-_srd.DeltaRayPerModule);
        sum = 0;
        for (var k = 0; k <= MaxDeltaRays; k++)
        {
            sum += term;
            _deltaRayCdf[k] = sum;
            term *= _srd.DeltaRayPerModule / (k + 1);
        }
        _deltaRayRatio = 1 - _srd.DeltaRayMinMeV / _srd.DeltaRayMaxMeV;
    }

    /// <summary>Mean number of SR photons an electron radiates in the magnets (independent of its energy).</summary>
    public double MeanPhotonCount { get; }

    /// <summary>
    /// Fraction of the SR fan that enters the modules. A photon emitted at bending angle φ ∈ [0, θ] (uniform: constant
    /// field, constant power) leaves from x = ρφ²/2 at z = z_start + ρφ along the tangent: at the SRD
    /// x(φ) = φD − ρφ²/2, D = z_SRD − z_start, increasing up to the deflected beam at φ = θ. The accepted angles are
    /// those with x(φ) within [xMin, xMax]: φ(x) = (D − √(D² − 2ρx))/ρ.
    /// </summary>
    public double FanAcceptance { get; }

    /// <summary>Mean SR energy (MeV) radiated by an electron of momentum p over the magnets.</summary>
    public double MeanEnergyMeV(double momentumGeV)
    {
        var rho = SynchrotronRadiation.BendingRadiusM(momentumGeV, _fieldT);
        return SynchrotronRadiation.PowerMeVPerM(momentumGeV, SynchrotronRadiation.ElectronMassMeV, rho) * _lengthM;
    }

    /// <summary>Critical energy (MeV) of an electron of momentum p in the magnets.</summary>
    public double CriticalEnergyMeV(double momentumGeV) =>
        SynchrotronRadiation.CriticalEnergyMeV(momentumGeV, SynchrotronRadiation.ElectronMassMeV,
            SynchrotronRadiation.BendingRadiusM(momentumGeV, _fieldT));

    private double MeanPhotons(double momentumGeV) =>
        MeanEnergyMeV(momentumGeV) / (SynchrotronRadiation.MeanPhotonOverCritical * CriticalEnergyMeV(momentumGeV));

    private static double Acceptance(DetectorConditions c, double momentumGeV)
    {
        var rho = SynchrotronRadiation.BendingRadiusM(momentumGeV, c.Magnet.FieldT);
        var theta = 0.3 * c.Magnet.FieldIntegralTm / momentumGeV;
        var d = c.Srd.ZM - c.Magnet.ZStartM;
        double Angle(double xMm)
        {
            var x = xMm * 1e-3;
            var disc = d * d - 2 * rho * x;
            var phi = disc <= 0 ? theta : (d - Math.Sqrt(disc)) / rho;
            return Math.Clamp(phi, 0, theta);
        }
        return (Angle(c.Srd.XMaxMm) - Angle(c.Srd.XMinMm)) / theta;
    }

    /// <summary>Starts an event: no pulse in any module.</summary>
    public void Begin()
    {
        Array.Clear(_sum);
        Array.Clear(_largest);
        Array.Clear(_largestTimeNs);
    }

    /// <summary>
    /// Thickness of one module in radiation lengths: the depth over which a photon converts with
    /// <c>ConversionProbability</c>, its mean free path being 9/7 X₀ (PDG, Passage of particles through matter, eq. 34.31).
    /// </summary>
    public double ModuleX0 { get; }

    /// <summary>
    /// One beam particle's pulses: SR if it <paramref name="radiates"/> (an electron in the magnets), its knock-on
    /// electrons, and its ionisation if its track crosses the modules at (<paramref name="xMm"/>, <paramref name="yMm"/>),
    /// with the shower of an electron of <paramref name="electronGeV"/> (0: the particle is no electron) there. Returns
    /// the energy (GeV) the modules absorbed of that shower.
    /// </summary>
    public double AddParticle(ref EventRandom rng, bool radiates, double momentumInMagnetGeV, double xMm, double yMm, double timeNs, double electronGeV)
    {
        var n = _srd.Modules;
        Span<double> pulse = stackalloc double[MaxModules];
        pulse = pulse[..n];
        pulse.Clear();
        if (radiates)
        {
            var visibleEc = CriticalEnergyMeV(momentumInMagnetGeV) * _srd.SamplingFraction;
            var photons = SamplePhotonCount(ref rng);
            if (n <= 4) DepositPhotons(ref rng, photons, visibleEc, pulse);
            else
                for (var i = 0; i < photons; i++)
                {
                    // One 64-bit draw per photon: the high half picks the energy, the low half the module.
                    var r = rng.NextUInt64();
                    var e = SynchrotronRadiation.EnergyOverCritical(r) * visibleEc;
                    var u = (uint)r * (1.0 / 4294967296.0);
                    for (var m = 0; m < n; m++)
                    {
                        if (u >= _convertBelow[m]) continue;
                        // The photon's shower starts in module m and leaks on into the following ones.
                        for (; m < n; m++)
                        {
                            pulse[m] += e * _keepShare;
                            e *= _srd.ShowerShareNextModule;
                        }
                    }
                }
        }
        // NaN (no track) compares false: nothing crosses.
        var crosses = xMm >= _srd.XMinMm && xMm <= _srd.XMaxMm && Math.Abs(yMm) <= _srd.HalfHeightMm;
        var absorbedGeV = crosses && electronGeV > 0 ? Shower(electronGeV, pulse) : 0;
        var cdf = _deltaRayCdf;
        for (var m = 0; m < n; m++)
        {
            if (crosses) pulse[m] += _srd.MipVisibleMeV;
            var u = rng.NextDouble();
            for (var k = 0; k < MaxDeltaRays && u >= cdf[k]; k++)
            {
                // 1/T² between the limits by inversion.
                var v = rng.NextDouble();
                pulse[m] += _srd.DeltaRayMinMeV / (1 - v * _deltaRayRatio) * _srd.SamplingFraction;
            }
            var e = pulse[m];
            if (!(e > 0)) continue;
            _sum[m] += e;
            var t = timeNs + _srd.TimeResolutionNs * FastNormal.Sample(ref rng);
            if (e > _largest[m])
            {
                _largest[m] = e;
                _largestTimeNs[m] = t;
            }
        }
        return absorbedGeV;
    }

    /// <summary>An electron's mean shower profile over the modules, visible energies into <paramref name="pulse"/>; the absorbed energy (GeV).</summary>
    private double Shower(double energyGeV, Span<double> pulse)
    {
        var tMax = Math.Max(Math.Log(Math.Max(energyGeV * 1000.0 / LeadCriticalEnergyMeV, 2.0)) - 0.5, 0.5);
        var a = 1 + ProfileB * tMax;
        var below = 0.0;
        for (var m = 0; m < pulse.Length; m++)
        {
            var upTo = IncompleteGammaTable.P(a, ProfileB * ModuleX0 * (m + 1));
            pulse[m] += energyGeV * 1000.0 * (upTo - below) * _srd.SamplingFraction;
            below = upTo;
        }
        return energyGeV * below;
    }

    /// <summary>Noise, and the module energies (keV) and times (ps) into <paramref name="ev"/>.</summary>
    public void Write(ref EventRandom rng, RawEvent ev)
    {
        for (var m = 0; m < _srd.Modules; m++)
        {
            var timeNs = _largest[m] > 0 ? _largestTimeNs[m] : (rng.NextDouble() - 0.5) * _srd.ReadoutWindowNs;
            var energy = _sum[m] + _srd.NoiseMeV * FastNormal.Sample(ref rng);
            ev.SrdEnergyKeV[m] = energy > 0 ? (int)(energy * 1000 + 0.5) : 0;
            ev.SrdTimePs[m] = (int)Math.Round(timeNs * 1000);
        }
    }

    /// <summary>The SRD of an event of one particle in time, off the modules (no pile-up).</summary>
    public void Digitize(ref EventRandom rng, bool electron, double momentumInMagnetGeV, RawEvent ev)
    {
        Begin();
        AddParticle(ref rng, electron, momentumInMagnetGeV, double.NaN, double.NaN, 0, 0);
        Write(ref rng, ev);
    }

    /// <summary>
    /// The photon loop above for at most four modules, without branches (the module a photon converts in is random):
    /// module sums in registers, and the factor tables instead of the tests. Every sum gets the same terms in the same
    /// order, plus exact zeros (x + 0 = x for the sums, which are ≥ +0), so the results are the same.
    /// </summary>
    private void DepositPhotons(ref EventRandom rng, int photons, double visibleEc, Span<double> inTime)
    {
        var r = rng;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var n = inTime.Length;
        double c0 = _convertBelow[0], c1 = n > 1 ? _convertBelow[1] : 2, c2 = n > 2 ? _convertBelow[2] : 2, c3 = n > 3 ? _convertBelow[3] : 2;
        var keep = _keepFrom.AsSpan(0, (MaxModules + 1) * MaxModules);
        var share = _shareFrom.AsSpan(0, keep.Length);
        for (var i = 0; i < photons; i++)
        {
            // One 64-bit draw per photon: the high half picks the energy, the low half the module.
            var bits = r.NextUInt64();
            var e = SynchrotronRadiation.EnergyOverCritical(bits) * visibleEc;
            var u = (uint)bits * (1.0 / 4294967296.0);
            // The first module m with u < convertBelow[m]: the count of those with u ≥ it, as the thresholds never
            // fall (conversion probability validated within [0, 1]).
            var m = (u >= c0 ? 1 : 0) + (u >= c1 ? 1 : 0) + (u >= c2 ? 1 : 0) + (u >= c3 ? 1 : 0);
            var row = m * MaxModules;
            s0 += e * keep[row];
            e *= share[row];
            s1 += e * keep[row + 1];
            e *= share[row + 1];
            s2 += e * keep[row + 2];
            e *= share[row + 2];
            s3 += e * keep[row + 3];
        }
        rng = r;
        inTime[0] = s0;
        if (n > 1) inTime[1] = s1;
        if (n > 2) inTime[2] = s2;
        if (n > 3) inTime[3] = s3;
    }

    private int SamplePhotonCount(ref EventRandom rng)
    {
        var u = rng.NextDouble();
        var cdf = _photonCountCdf;
        int lo = 0, hi = cdf.Length - 1;
        if (u >= cdf[hi]) return hi;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cdf[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }
}
