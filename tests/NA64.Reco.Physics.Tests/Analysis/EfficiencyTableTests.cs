using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class EfficiencyTableTests
{
    /// <summary>1000 events of weight 0.002 and 1000 of weight 0.006 (Σw² in 2⁻⁶⁰ fixed point needs w ≫ 1e-9); the heavy ones pass everything, the light ones are lost at the HCAL cut.</summary>
    private static EventSummary Signal()
    {
        var s = new EventSummary { Eot = 1_000_000 };
        var light = FixedPointWeight.FromDouble(0.002);
        var heavy = FixedPointWeight.FromDouble(0.006);
        for (var k = 0; k < CutNames.Count; k++)
        {
            var lightPass = k < (int)Cut.Hcal ? 1000 : 0;
            s.CutFlow[k] = 1000 + lightPass;
            s.WeightedCutFlow[k] = heavy * 1000 + light * lightPass;
            s.WeightedSquaredCutFlow[k] = FixedPointWeight.FromDouble(0.006 * 0.006) * 1000 + FixedPointWeight.FromDouble(0.002 * 0.002) * lightPass;
        }
        return s;
    }

    [Fact]
    public void Efficiencies_are_weighted_and_cumulative()
    {
        var table = EfficiencyTable.From(Signal(), 16.7);
        Assert.Equal(CutNames.All, table.Rows.Select(r => r.Cut));
        Assert.Equal(1.0, table.Rows[0].Efficiency, 14);
        Assert.Equal(0.75, table.SignalEfficiency, 14);
        Assert.Equal(0.75, table.Rows[(int)Cut.Hcal].StepEfficiency, 14);
        Assert.Equal(1.0, table.Rows[(int)Cut.SignalBox].StepEfficiency, 14);
        Assert.Equal(1000, table.Rows[^1].Events);
        // Y = Σw / EOT = (1000·0.006 + 1000·0.002) / 1e6.
        Assert.Equal(8e-6, table.YieldPerEot, 1e-18);
    }

    [Fact]
    public void Uncertainty_uses_the_effective_entries()
    {
        var table = EfficiencyTable.From(Signal(), 16.7);
        // n_eff = 8² / 0.04 = 1600, k_eff = 0.75 · 1600 = 1200.
        var expected = ClopperPearson.Interval(1200, 1600);
        Assert.Equal(expected.Lower, table.Rows[^1].Lower, 9);
        Assert.Equal(expected.Upper, table.Rows[^1].Upper, 9);
        Assert.Equal(0.5 * (expected.Upper - expected.Lower), table.SignalEfficiencyUncertainty, 9);
    }

    [Fact]
    public void Unweighted_samples_use_counts()
    {
        var s = new EventSummary { Eot = 100 };
        for (var k = 0; k < CutNames.Count; k++) s.CutFlow[k] = k < (int)Cut.SignalBox ? 50 : 20;
        var table = EfficiencyTable.From(s, 1);
        Assert.Equal(0.4, table.SignalEfficiency, 15);
        Assert.Equal(ClopperPearson.Interval(20, 50).Upper, table.Rows[^1].Upper, 15);
        Assert.Equal(0, table.YieldPerEot);
        Assert.Throws<ArgumentOutOfRangeException>(() => EfficiencyTable.From(new EventSummary(), 1));
    }
}
