using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class SourceBackgroundTests
{
    /// <summary>Adds <paramref name="inBox"/> events of <paramref name="slot"/> in the box and <paramref name="outside"/> outside it, each of weight <paramref name="weight"/>.</summary>
    private static void AddSource(EventSummary s, int slot, long inBox, long outside, double weight = 1)
    {
        var w = FixedPointWeight.FromDouble(weight);
        var w2 = FixedPointWeight.FromDouble(weight * weight);
        s.SourceInSignalBox[slot] += inBox;
        s.WeightedSourceInSignalBox[slot] += inBox * w;
        s.WeightedSquaredSourceInSignalBox[slot] += inBox * w2;
        s.SourceEvents[slot] += inBox + outside;
        s.WeightedSourceEvents[slot] += (inBox + outside) * w;
    }

    [Fact]
    public void Counts_are_scaled_to_the_data_eot()
    {
        var summary = new EventSummary();
        AddSource(summary, 4, 9, 100); // hadron interaction
        AddSource(summary, 2, 0, 50);  // decay in flight: none in the box
        AddSource(summary, 16, 4, 0);  // no flag
        var estimates = SourceBackground.PerSource(summary, eotMc: 1e9, eotData: 1e11);
        // Thirteen defined flags, then "none"; undefined empty bits are skipped.
        Assert.Equal(["mc-truth:a-prime", "mc-truth:dimuon", "mc-truth:decay-in-flight", "mc-truth:low-energy-tail",
            "mc-truth:hadron-interaction", "mc-truth:punch-through", "mc-truth:leakage", "mc-truth:in-time-pile-up", "mc-truth:pile-up",
            "mc-truth:in-time-sr-pile-up", "mc-truth:decay-to-electron", "mc-truth:electro-nuclear", "mc-truth:photo-nuclear", "mc-truth:none"], estimates.Select(e => e.Method));
        var hadrons = estimates[4];
        Assert.Equal(900, hadrons.Expected, 9);
        Assert.Equal(300, hadrons.StatUncertainty, 9);
        Assert.Equal(9, hadrons.Regions[0].Count);
        Assert.Equal(1e9, hadrons.EquivalentEot, 3);
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
    public void A_biased_source_counts_its_weights_with_the_error_of_its_squared_weights_and_the_exposure_they_reach()
    {
        // 100 forced decays in the box, each standing for 1/1000 of an event: 0.1 expected events at the MC exposure,
        // with error √(100 × 10⁻⁶) = 0.01, and the MC's 10⁶ EOT stand for 10⁹ EOT of that process.
        var summary = new EventSummary();
        AddSource(summary, 10, 100, 9_900, weight: 1e-3);
        AddSource(summary, 2, 0, 1_000, weight: 1e-3);
        var estimates = SourceBackground.PerSource(summary, eotMc: 1e6, eotData: 1e7);
        var electrons = estimates.Single(e => e.Method == "mc-truth:decay-to-electron");
        Assert.Equal(100, electrons.Regions[0].Count);
        Assert.Equal(1.0, electrons.Expected, 9);
        Assert.Equal(0.1, electrons.StatUncertainty, 9);
        Assert.Equal(1e9, electrons.EquivalentEot, 0);
        // Zero forced events in the box bound the source by 1.148 events of the mean weight, not of weight 1.
        var muons = estimates.Single(e => e.Method == "mc-truth:decay-in-flight");
        Assert.Equal(SourceBackground.ZeroCountUpperBound68 * 1e-3 * 10, muons.UpperBound, 12);
    }

    [Fact]
    public void Populated_undefined_bits_are_reported_and_total_scales()
    {
        var summary = new EventSummary();
        AddSource(summary, 13, 2, 0);
        var estimates = SourceBackground.PerSource(summary, 2, 1);
        Assert.Contains(estimates, e => e.Method == "mc-truth:bit13" && e.Expected == 1);
        var total = new EventSummary();
        total.CutFlow[(int)Cut.All] = 40;
        total.WeightedCutFlow[(int)Cut.All] = 40 * FixedPointWeight.FromDouble(1);
        total.CutFlow[(int)Cut.SignalBox] = 16;
        total.WeightedCutFlow[(int)Cut.SignalBox] = 16 * FixedPointWeight.FromDouble(1);
        total.WeightedSquaredCutFlow[(int)Cut.SignalBox] = 16 * FixedPointWeight.FromDouble(1);
        var all = SourceBackground.Total(total, 4e10, 1e10);
        Assert.Equal(4, all.Expected);
        Assert.Equal(1, all.StatUncertainty);
        Assert.Equal(nameof(TruthFlags.Leakage).ToLowerInvariant(), SourceBackground.SourceName(6, 17));
    }
}
