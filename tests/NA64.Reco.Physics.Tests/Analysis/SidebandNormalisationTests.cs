using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

/// <summary>The side-band normalised background of one source (docs/physics.md §8): its arithmetic, and its closure on MC.</summary>
public sealed class SidebandNormalisationTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;
    private static readonly SidebandCells s_cells = new(AbcdSidebands.FromCuts(s_c.Cuts));
    private const int Slot = 10; // decay-to-electron
    private static readonly int Box = SidebandCells.Index(0, 0), CNear = SidebandCells.Index(1, 0), CFar = SidebandCells.Index(2, 0), BNear = SidebandCells.Index(0, 1);

    private static void Put(EventSummary s, int slot, int cell, long events, double weight)
    {
        s.SourceCellEvents[slot * SidebandCells.Count + cell] += events;
        s.WeightedSourceCell[slot * SidebandCells.Count + cell] += FixedPointWeight.FromDouble(weight) * events;
        s.WeightedSquaredSourceCell[slot * SidebandCells.Count + cell] += FixedPointWeight.FromDouble(weight * weight) * events;
    }

    private static void PutReference(EventSummary s, int cell, long events)
    {
        s.CellEvents[cell] += events;
        s.WeightedCell[cell] += FixedPointWeight.FromDouble(1) * events;
        s.WeightedSquaredCell[cell] += FixedPointWeight.FromDouble(1) * events;
    }

    [Fact]
    public void The_reference_s_side_band_less_the_other_sources_is_carried_into_the_box_by_the_source_s_shape()
    {
        var mc = new EventSummary();
        Put(mc, Slot, Box, 10, 1);
        Put(mc, Slot, CNear, 30, 1);
        Put(mc, Slot, CFar, 10, 1);
        Put(mc, Slot, BNear, 5, 1);
        Put(mc, 3, CNear, 4, 1);   // another source, in C
        Put(mc, 3, BNear, 20, 1);  // and dominating B
        var reference = new EventSummary();
        PutReference(reference, CNear, 70);
        PutReference(reference, CFar, 22);
        PutReference(reference, BNear, 25);

        var shape = SourceShape.Of(mc, Slot, 2);  // scaled ×2 to the reference: the ratio is what matters
        var others = SourceShape.Of(mc, 3, 2);
        var e = SidebandNormalisation.Estimate("decay-to-electron", shape, others, SourceShape.AllEvents(reference), 1, s_cells)!;

        Assert.Equal("C", e.Region);
        Assert.Equal(80.0 / 88, e.Share, 12); // 80 of the 88 MC events in C are the source's
        // (92 − 8) × 20 / 80 = 21.
        Assert.Equal(21, e.Estimate.Expected, 10);
        // Stat: ratio r = 1/4 with σ_r²/r² = 2/20 + 2/80 (Σw² = 2Σw at scale 2); N − O = 84 with variance 92 + 16.
        var stat = Math.Sqrt(0.25 * 0.25 * 108 + 21.0 * 21 * (2.0 / 20 + 2.0 / 80));
        Assert.Equal(stat, e.Estimate.StatUncertainty, 10);
        // Syst: near half (70 − 8) × 20/60 = 20.67, far half 22 × 20/20 = 22, the B side-band (25 − 40 → 0) × 20/10 = 0: 21 off.
        Assert.Equal(21, e.Estimate.SystUncertainty, 10);
        Assert.Equal("sideband:C:decay-to-electron", e.Estimate.Method);
    }

    [Fact]
    public void An_empty_side_band_of_the_reference_gives_a_bound_and_no_shape_gives_no_estimate()
    {
        var mc = new EventSummary();
        Put(mc, Slot, Box, 3, 0.5);
        Put(mc, Slot, CFar, 6, 0.5);
        var empty = SourceShape.AllEvents(new EventSummary());
        var none = SourceShape.Of(new EventSummary(), Slot, 1);

        var bound = SidebandNormalisation.Estimate("s", SourceShape.Of(mc, Slot, 1), none, empty, 2, s_cells)!;
        Assert.True(bound.Estimate.IsUpperBound);
        Assert.Equal(SourceBackground.ZeroCountUpperBound68 * 2 * 0.5, bound.Estimate.UpperBound, 12);

        var noBox = new EventSummary();
        Put(noBox, Slot, CFar, 6, 1);
        Assert.Null(SidebandNormalisation.Estimate("s", SourceShape.Of(noBox, Slot, 1), none, empty, 1, s_cells));
        var noSideband = new EventSummary();
        Put(noSideband, Slot, Box, 6, 1);
        Assert.Null(SidebandNormalisation.Estimate("s", SourceShape.Of(noSideband, Slot, 1), none, empty, 1, s_cells));
    }

    /// <summary>
    /// Closure: a forced K⁻ sample stands for the data; the shape of its decays to an electron comes from an independent
    /// forced sample, normalised in the pseudo-data's side-band (the other sources of the shape sample subtracted), and
    /// the prediction is compared with the decays the pseudo-data counted in its own box.
    /// </summary>
    [Fact]
    public void The_side_band_prediction_of_kaon_decays_to_electrons_agrees_with_the_count_in_the_box_of_a_forced_sample()
    {
        const int events = 500_000;
        var pseudoData = Run(events, 20261203);
        var shapeSample = Run(events, 20261204);
        var shape = SourceShape.Of(shapeSample, Slot, 1);
        var others = SourceShape.Sum(Enumerable.Range(0, EventSummary.SourceSlots).Where(s => s != Slot).Select(s => SourceShape.Of(shapeSample, s, 1)));
        var meanWeight = FixedPointWeight.ToDouble(pseudoData.WeightedCutFlow[0]) / pseudoData.CutFlow[0];

        var predicted = SidebandNormalisation.Estimate("decay-to-electron", shape, others, SourceShape.AllEvents(pseudoData), meanWeight, s_cells)!;

        var counted = FixedPointWeight.ToDouble(pseudoData.WeightedSourceInSignalBox[Slot]);
        var countedVariance = FixedPointWeight.ToDouble(pseudoData.WeightedSquaredSourceInSignalBox[Slot]);
        Assert.True(pseudoData.SourceInSignalBox[Slot] >= 5, $"the forced pseudo-data has {pseudoData.SourceInSignalBox[Slot]} decays in its box: too few for a closure");
        Assert.Equal("C", predicted.Region);
        Assert.True(predicted.Share > 0.9, $"the decays are {predicted.Share:P1} of the side-band's MC");
        Assert.False(predicted.Estimate.IsUpperBound);
        var sigma = Math.Sqrt(predicted.Estimate.StatUncertainty * predicted.Estimate.StatUncertainty + countedVariance);
        Assert.True(Math.Abs(predicted.Estimate.Expected - counted) <= 3 * sigma,
            $"side-band prediction {predicted.Estimate.Expected:G4} ± {predicted.Estimate.StatUncertainty:G3} vs {counted:G4} ± {Math.Sqrt(countedVariance):G3} counted in the box");
        // A prediction at least as precise as a third of itself: the test says something.
        Assert.True(predicted.Estimate.StatUncertainty < predicted.Estimate.Expected / 2, $"stat {predicted.Estimate.StatUncertainty:G3} of {predicted.Estimate.Expected:G3}");
    }

    private static EventSummary Run(int events, ulong seed) =>
        new ChunkProcessor(s_c).Process(new SimulatedChunk(new SampleDescriptor(SampleKind.Kaon, 0, 0, seed) { Bias = 1e12 }, 1, 0, 0, 0, events));
}
