using System.Runtime.CompilerServices;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>Dimuon production e⁻Z → e⁻Zμ⁺μ⁻ by the leading shower e± (physics.md §4): a rare QED reference process.</summary>
/// <remarks>
/// Model: the dominant channel in a thick target is a real bremsstrahlung photon of the shower converting to μ⁺μ⁻
/// (the direct trident is suppressed by α/ln for a target of many X₀). The leading e± is followed as in
/// <see cref="APrimeEmitter"/>; every photon it radiates above 4 m_μ is a candidate, chosen ∝ σ_μμ(k)
/// (<see cref="MuonPairCrossSection"/>): its probability to convert to muons instead of e⁺e⁻ is σ_μμ N_X0 · 9/7.
/// The pair is produced after an exponential 9/7 X₀ photon path and shares k by the Bethe–Heitler spectrum
/// 1 − (4/3)u(1 − u). This class gives the kinematics given that a pair is produced; the rate per EOT that the
/// same model implies, and its pair-energy spectrum, are <see cref="DimuonExpectation"/>'s. Muons of GeV energies cross the rest of the ECAL as MIPs, so the
/// ECAL sees about E₀ − E_μ⁺ − E_μ⁻.
/// </remarks>
public sealed class DimuonEmitter
{
    private const int MaxPhotons = 256;
    private const int TablePoints = 256;
    private const double LnKMax = 6.907755278982137; // ln 1000 GeV

    private readonly double _depthX0;
    private readonly double _lnKMin;
    private readonly double _dLnK;
    private readonly double[] _sigma;

    public DimuonEmitter(DetectorConditions conditions)
    {
        Conditions = conditions;
        var ap = conditions.APrime;
        _depthX0 = conditions.Ecal.PreshowerX0 + conditions.Ecal.MainX0;
        AtomsPerCm2PerX0 = ap.AbsorberDensityGPerCm3 * APrimeCrossSection.Avogadro / ap.AbsorberA * ap.AbsorberX0Cm;
        _lnKMin = Math.Log(MuonPairCrossSection.ThresholdGeV);
        _dLnK = (LnKMax - _lnKMin) / (TablePoints - 1);
        _sigma = new double[TablePoints];
        for (var i = 1; i < TablePoints; i++)
            _sigma[i] = MuonPairCrossSection.CrossSectionCm2(Math.Exp(_lnKMin + i * _dLnK), ap.AbsorberZ, ap.AbsorberA);
    }

    public DetectorConditions Conditions { get; }

    /// <summary>Absorber atoms per cm² per radiation length, ρ N_A X₀ / A.</summary>
    public double AtomsPerCm2PerX0 { get; }

    /// <summary>σ(γZ → μ⁺μ⁻Z) in cm² from the table (linear in ln k).</summary>
    public double PairCrossSectionCm2(double photonEnergyGeV)
    {
        if (!(photonEnergyGeV > MuonPairCrossSection.ThresholdGeV)) return 0;
        var pos = (Math.Min(Math.Log(photonEnergyGeV), LnKMax) - _lnKMin) / _dLnK;
        var i = Math.Min((int)pos, TablePoints - 2);
        var f = pos - i;
        return (1 - f) * _sigma[i] + f * _sigma[i + 1];
    }

    /// <summary>
    /// Mean number of μ pairs per electron from photons of the leading e± (Σ σ_μμ N_X0 · 9/7 per event), sampled along
    /// the very path <see cref="Emit"/> takes: a Monte Carlo check of <see cref="DimuonExpectation.PairsPerEot"/>.
    /// </summary>
    public double EstimatePairsPerEot(double beamEnergyGeV, int events, ulong seed)
    {
        var rng = new EventRandom(seed);
        Span<double> k = stackalloc double[MaxPhotons];
        Span<double> t = stackalloc double[MaxPhotons];
        var sum = 0.0;
        for (var i = 0; i < events; i++) sum += FollowLeader(ref rng, beamEnergyGeV, k, t, out _);
        return sum * AtomsPerCm2PerX0 * ShowerBranching.PhotonMeanFreePathX0 / events;
    }

    /// <summary>Produces a muon pair for one electron of energy <paramref name="beamEnergyGeV"/> entering the ECAL (thread-safe).</summary>
    [SkipLocalsInit] // the photon buffers are written before they are read
    public DimuonEmission Emit(ref EventRandom rng, double beamEnergyGeV)
    {
        Span<double> k = stackalloc double[MaxPhotons];
        Span<double> t = stackalloc double[MaxPhotons];
        var total = FollowLeader(ref rng, beamEnergyGeV, k, t, out var count);
        if (!(total > 0)) return default;
        var r = rng.NextDouble() * total;
        var i = 0;
        while (i < count - 1 && r >= PairCrossSectionCm2(k[i]))
        {
            r -= PairCrossSectionCm2(k[i]);
            i++;
        }
        // A pair made beyond the back of the ECAL would be a different event; e^(−30) of them: keep them inside.
        var depth = Math.Min(t[i] + rng.NextExponential(ShowerBranching.PhotonMeanFreePathX0), _depthX0 * (1 - 1e-9));
        var u = ShowerBranching.SamplePairShare(ref rng, MuonPairCrossSection.MuonMassGeV / k[i]);
        return new DimuonEmission(u * k[i], (1 - u) * k[i], depth);
    }

    /// <summary>Follows the leading e±, records its photons above threshold, returns Σ σ_μμ (cm²).</summary>
    private double FollowLeader(ref EventRandom rng, double beamEnergyGeV, Span<double> photonEnergy, Span<double> photonDepth, out int count)
    {
        var energy = beamEnergyGeV;
        var depth = 0.0;
        var electron = true;
        var total = 0.0;
        count = 0;
        var meanFreePath = 1 / ShowerBranching.HardRatePerX0;
        while (energy > MuonPairCrossSection.ThresholdGeV && count < photonEnergy.Length)
        {
            if (electron)
            {
                var dt = rng.NextExponential(meanFreePath);
                depth += dt;
                if (depth >= _depthX0) break;
                energy *= 1 - ShowerBranching.SoftLossPerX0 * dt;
                var v = ShowerBranching.SampleBremsFraction(ref rng);
                var photon = v * energy;
                var sigma = PairCrossSectionCm2(photon);
                if (sigma > 0)
                {
                    photonEnergy[count] = photon;
                    photonDepth[count] = depth;
                    total += sigma;
                    count++;
                }
                if (v > 0.5)
                {
                    energy = photon;
                    electron = false;
                }
                else
                {
                    energy -= photon;
                }
            }
            else
            {
                depth += rng.NextExponential(ShowerBranching.PhotonMeanFreePathX0);
                if (depth >= _depthX0) break;
                var u = ShowerBranching.SamplePairShare(ref rng, 0);
                energy *= Math.Max(u, 1 - u);
                electron = true;
            }
        }
        return total;
    }
}
