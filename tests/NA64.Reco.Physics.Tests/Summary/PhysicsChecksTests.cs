using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Summary;

public sealed class PhysicsChecksTests
{
    [Fact]
    public void Core_width_of_a_gaussian_with_tails_is_its_sigma()
    {
        var h = new Histogram1D("r", "r", 400, -0.1, 0.1);
        var rng = new EventRandom(7);
        for (var i = 0; i < 200_000; i++) h.Fill(0.002 + 0.01 * rng.NextGaussian());
        for (var i = 0; i < 20_000; i++) h.Fill(-0.1 + 0.2 * rng.NextDouble()); // flat 10% background
        var sigma = PhysicsChecks.GaussianCoreWidth(h);
        Assert.NotNull(sigma);
        Assert.InRange(sigma!.Value, 0.0097, 0.0107);
    }

    [Fact]
    public void Checks_without_truth_are_absent()
    {
        var checks = PhysicsChecks.From(new EventSummary());
        Assert.True(checks.IsEmpty);
    }

    [Fact]
    public void Ratios_are_taken_from_the_counters()
    {
        var s = new EventSummary { TruthElectrons = 200, TruthElectronsSrdTagged = 190, TruthHadrons = 1000, TruthHadronsSrdTagged = 1, ClosureEvents = 50, ClosureWithin3Sigma = 50 };
        var checks = PhysicsChecks.From(s);
        Assert.Equal(0.95, checks.SrdElectronEfficiency);
        Assert.Equal(0.001, checks.SrdHadronMisid);
        Assert.Equal(1.0, checks.EnergyClosure);
        Assert.Null(checks.MomentumResolution);
    }
}
