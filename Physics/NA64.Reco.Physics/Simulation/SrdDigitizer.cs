using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// SRD response (physics.md §3). An electron radiates in the magnets a Poisson number of photons of mean
/// (dE/ds · L)/(0.308 E_c) with energies x·E_c from the universal spectrum; every photon reaches the SRD and converts in
/// module i with <c>ConversionProbability</c> (the rest go on to module i + 1, or are lost behind the last); its shower
/// leaves the fraction 1 − <c>ShowerShareNextModule</c> of its energy there and carries the rest on to the next module
/// (lost behind the last). Module energies are visible energies: deposits × <c>SamplingFraction</c>. (Without the
/// shower sharing, the last module would see at most 43·p(1 − p)² ≤ 6.4 photons and the first one the hard tail of the
/// spectrum: the 1–80 MeV window could not keep 95% of the electrons.) Muons and hadrons radiate ∝ 1/M⁴, i.e.
/// nothing. Any charged particle may in addition leave a δ-ray (probability <c>DeltaRayProbability</c> per module,
/// 1/E² spectrum from 1 to 200 MeV, in time) and every module may see an accidental hit (<c>AccidentalProbability</c>, exponential of mean <c>AccidentalMeanMeV</c>, time uniform in
/// ±<c>AccidentalWindowNs</c>/2). Stored per module: energy sum + Gaussian noise <c>NoiseMeV</c>, clipped at 0, in keV;
/// time of the largest deposit (in-time deposits smeared by <c>TimeResolutionNs</c>) in ps, or a uniform time in the
/// accidental window when the module saw nothing.
/// </summary>
internal sealed class SrdDigitizer
{
    private const double DeltaRayMinMeV = 1.0;
    private const double DeltaRayMaxMeV = 200.0;
    private const int MaxModules = 8;

    private readonly SrdConditions _srd;
    private readonly double[] _convertBelow;
    /// <summary>
    /// Per first module m (row m of <see cref="MaxModules"/>; m = modules: converted nowhere) and module k, the factors
    /// of a photon's energy e: deposit e·keep[m, k] in k, then carry e·share[m, k] on. keep = 1 − share and share for
    /// k ≥ m, 0 and 1 before m: the same products as the loop over modules from m on, and +0 elsewhere.
    /// </summary>
    private readonly double[] _keepFrom, _shareFrom;
    private readonly double _keepShare;
    private readonly double _meanPhotonsElectron;
    private readonly double[] _photonCountCdf;
    private readonly double _fieldT;
    private readonly double _lengthM;

    public SrdDigitizer(DetectorConditions c)
    {
        _srd = c.Srd;
        _fieldT = c.Magnet.FieldT;
        _lengthM = c.Magnet.ZEndM - c.Magnet.ZStartM;
        // One uniform picks the module: photon converts in module i if u < Σ_{j≤i} p(1 − p)^j.
        _keepShare = 1 - _srd.ShowerShareNextModule;
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
        _meanPhotonsElectron = MeanPhotons(c.Beam.EnergyGeV);
        MeanPhotonCount = _meanPhotonsElectron;
        // Poisson CDF of the (constant) photon count, for sampling by inversion with one uniform.
        var kMax = (int)(MeanPhotonCount + 12 * Math.Sqrt(MeanPhotonCount) + 12);
        _photonCountCdf = new double[kMax + 1];
        var term = Math.Exp(-MeanPhotonCount);
        var sum = 0.0;
        for (var k = 0; k <= kMax; k++)
        {
            sum += term;
            _photonCountCdf[k] = sum;
            term *= MeanPhotonCount / (k + 1);
        }
    }

    /// <summary>Mean number of SR photons of an electron (independent of its energy).</summary>
    public double MeanPhotonCount { get; }

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

    /// <summary>Fills the SRD of <paramref name="ev"/>; <paramref name="electron"/> says whether the particle in the magnets radiates.</summary>
    public void Digitize(ref EventRandom rng, bool electron, double momentumInMagnetGeV, RawEvent ev)
    {
        var n = _srd.Modules;
        Span<double> inTime = stackalloc double[MaxModules];
        inTime = inTime[..n];
        inTime.Clear();
        if (electron)
        {
            var visibleEc = CriticalEnergyMeV(momentumInMagnetGeV) * _srd.SamplingFraction;
            var photons = SamplePhotonCount(ref rng);
            if (n <= 4) DepositPhotons(ref rng, photons, visibleEc, inTime);
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
                            inTime[m] += e * _keepShare;
                            e *= _srd.ShowerShareNextModule;
                        }
                    }
                }
        }
        for (var m = 0; m < n; m++)
        {
            if (rng.Chance(_srd.DeltaRayProbability))
            {
                // 1/E² between the limits by inversion.
                var u = rng.NextDouble();
                inTime[m] += DeltaRayMinMeV / (1 - u * (1 - DeltaRayMinMeV / DeltaRayMaxMeV));
            }
            var energy = inTime[m];
            var timeNs = inTime[m] > 0 ? _srd.TimeResolutionNs * FastNormal.Sample(ref rng) : 0.0;
            var hasHit = inTime[m] > 0;
            if (rng.Chance(_srd.AccidentalProbability))
            {
                var acc = rng.NextExponential(_srd.AccidentalMeanMeV);
                var accTime = (rng.NextDouble() - 0.5) * _srd.AccidentalWindowNs;
                if (acc > energy) timeNs = accTime;
                energy += acc;
                hasHit = true;
            }
            if (!hasHit) timeNs = (rng.NextDouble() - 0.5) * _srd.AccidentalWindowNs;
            energy += _srd.NoiseMeV * FastNormal.Sample(ref rng);
            ev.SrdEnergyKeV[m] = energy > 0 ? (int)(energy * 1000 + 0.5) : 0;
            ev.SrdTimePs[m] = (int)Math.Round(timeNs * 1000);
        }
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
