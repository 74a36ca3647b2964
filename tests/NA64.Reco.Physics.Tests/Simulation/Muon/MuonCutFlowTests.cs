using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonCutFlowTests
{
    [Fact]
    public void The_uncertainty_is_half_the_clopper_pearson_interval_as_for_the_invisible_mode()
    {
        // None of 100 passes: the 68% interval is [0, 1 − 0.1587^(1/100)] = [0, 0.01824], so ±0.00912, where the
        // binomial error would claim 0.
        var none = new MuonCutFlow(["a", "b"], 100, [50, 0]);
        Assert.Equal(0, none.Efficiency);
        Assert.Equal(0.00912, none.Uncertainty, 5);
        // At 20 000 events it is the binomial error √(p(1 − p)/n) within 1%.
        var many = new MuonCutFlow(["a"], 20_000, [5000]);
        Assert.Equal(Math.Sqrt(0.25 * 0.75 / 20_000), many.Uncertainty, 0.01 * many.Uncertainty);
    }
}
