using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class ShowerBranchingTests
{
    [Fact]
    public void Bremsstrahlung_loses_one_e_fold_of_energy_per_radiation_length()
    {
        // ∫₀¹ (4/3 − 4/3 v + v²) dv = 1: the definition of X₀ in the complete-screening spectrum.
        var rng = new EventRandom(21);
        const int n = 40000;
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += ShowerBranching.SampleBremsFraction(ref rng);
        var lossPerX0 = sum / n * ShowerBranching.HardRatePerX0 + ShowerBranching.SoftLossPerX0;
        Assert.InRange(lossPerX0, 0.98, 1.02);
    }

    [Fact]
    public void Pair_sharing_stays_in_range_and_favours_asymmetric_pairs()
    {
        var rng = new EventRandom(22);
        int outer = 0, inner = 0;
        for (var i = 0; i < 20000; i++)
        {
            var u = ShowerBranching.SamplePairShare(ref rng, 0.1);
            Assert.InRange(u, 0.1, 0.9);
            if (u < 0.2 || u > 0.8) outer++;
            else if (u > 0.4 && u < 0.6) inner++;
        }
        // ∫ (1 − 4/3 u + 4/3 u²) du over [0.1, 0.2] ∪ [0.8, 0.9] is 0.16622, over [0.4, 0.6] 0.13422: ratio 1.2384.
        Assert.InRange(outer / (double)inner, 1.2384 - 0.06, 1.2384 + 0.06);
    }
}
