using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class SourceBackgroundTests
{
    [Fact]
    public void Counts_are_scaled_to_the_data_eot()
    {
        var summary = new EventSummary();
        summary.SourceInSignalBox[4] = 9; // hadron interaction
        summary.SourceInSignalBox[2] = 0; // decay in flight: none seen
        summary.SourceInSignalBox[16] = 4; // no flag
        var estimates = SourceBackground.PerSource(summary.SourceInSignalBox, eotMc: 1e9, eotData: 1e11);
        // Ten defined flags, then "none"; undefined empty bits are skipped.
        Assert.Equal(["mc-truth:a-prime", "mc-truth:dimuon", "mc-truth:decay-in-flight", "mc-truth:low-energy-tail",
            "mc-truth:hadron-interaction", "mc-truth:punch-through", "mc-truth:leakage", "mc-truth:in-time-pile-up", "mc-truth:pile-up", "mc-truth:in-time-sr-pile-up", "mc-truth:none"], estimates.Select(e => e.Method));
        var hadrons = estimates[4];
        Assert.Equal(900, hadrons.Expected, 9);
        Assert.Equal(300, hadrons.StatUncertainty, 9);
        Assert.Equal(9, hadrons.Regions[0].Count);
        // No decay in flight seen: no estimate, an upper bound b ∈ [0, 1.148 × 100].
        var decays = estimates[2];
        Assert.Equal(0, decays.Expected);
        Assert.True(decays.IsUpperBound);
        Assert.True(double.IsNaN(decays.StatUncertainty));
        Assert.Equal(-Math.Log(1 - 0.6826894921370859) * 100, decays.UpperBound, 9);
        Assert.Equal(BackgroundInput.UpperBound(decays.UpperBound), decays.ForLimits());
        Assert.False(hadrons.IsUpperBound);
        Assert.Equal(BackgroundInput.Estimate(900, 300), hadrons.ForLimits());
        Assert.Equal(400, estimates[^1].Expected, 9);
    }

    [Fact]
    public void Populated_undefined_bits_are_reported_and_total_scales()
    {
        var counts = new long[17];
        counts[11] = 2;
        var estimates = SourceBackground.PerSource(counts, 2, 1);
        Assert.Contains(estimates, e => e.Method == "mc-truth:bit11" && e.Expected == 1);
        var total = SourceBackground.Total(16, 4e10, 1e10);
        Assert.Equal(4, total.Expected);
        Assert.Equal(1, total.StatUncertainty);
        Assert.Equal(nameof(TruthFlags.Leakage).ToLowerInvariant(), SourceBackground.SourceName(6, 17));
    }
}
