using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Processing;

/// <summary>The visible programme's X samples as a campaign's chunks: the pipeline's processor over the same physics.</summary>
public sealed class VisibleChunkTests
{
    private static readonly Setup s_setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;

    [Fact]
    public void Chunks_of_an_x_spill_merge_to_the_spill_simulated_whole()
    {
        var processor = new ChunkProcessor(s_setup);
        var simulation = new VisibleEventSimulation(s_setup);
        var sample = new SampleDescriptor(SampleKind.X, 16.7, 0, 7);
        // Spill 3's events 0 … 9999 in three uneven chunks, one of them longer than the processor's blocks.
        var merged = processor.Process(new SimulatedChunk(sample, 1, 3, 0, 0, 2500));
        merged.Merge(processor.Process(new SimulatedChunk(sample, 1, 3, 2, 7000, 3000)));
        merged.Merge(processor.Process(new SimulatedChunk(sample, 1, 3, 1, 2500, 4500)));
        var whole = new EventSummary();
        simulation.Simulate(simulation.EmitterFor(16.7), 3, 0, 10_000, 7, whole);
        Assert.Equal(whole.Fingerprint(), merged.Fingerprint());
        Assert.Equal(10_000, merged.Events);
        Assert.Equal(10_000, merged.VisibleEvents);
        Assert.Equal(0, merged.CutFlow[0]);
        Assert.Equal(0, merged.MuonEvents);
        // The spill is its own random stream: spill 4 gives other sums.
        var other = new EventSummary();
        simulation.Simulate(simulation.EmitterFor(16.7), 4, 0, 10_000, 7, other);
        Assert.NotEqual(whole.VisibleWeightAfter, other.VisibleWeightAfter);
    }

    [Theory]
    [InlineData(SampleKind.KaonShortNeutral, VisibleKaonShortBackground.Decay.NeutralPions)]
    [InlineData(SampleKind.KaonShortCharged, VisibleKaonShortBackground.Decay.ChargedPions)]
    public void Chunks_of_a_k0s_spill_merge_to_the_background_simulated_whole(SampleKind kind, VisibleKaonShortBackground.Decay channel)
    {
        var processor = new ChunkProcessor(s_setup);
        var sample = new SampleDescriptor(kind, 0, 0, 9);
        Assert.True(sample.IsVisibleProgramme && sample.IsVisibleBackground);
        var merged = processor.Process(new SimulatedChunk(sample, 1, 2, 0, 0, 6000));
        merged.Merge(processor.Process(new SimulatedChunk(sample, 1, 2, 1, 6000, 4000)));
        var whole = new EventSummary();
        new VisibleKaonShortBackground(s_setup, channel).Simulate(2, 0, 10_000, 9, whole);
        Assert.Equal(whole.Fingerprint(), merged.Fingerprint());
        Assert.Equal(10_000, merged.VisibleEvents);
        Assert.True(FixedPointWeight.ToDouble(merged.VisibleWeightAfter[0]) > 0);
    }

    [Fact]
    public void Spill_zero_of_a_sample_is_the_cut_flow_of_the_direct_run_and_later_slots_stay_empty()
    {
        var simulation = new VisibleEventSimulation(s_setup);
        var emitter = simulation.EmitterFor(10);
        var summary = new EventSummary();
        simulation.Simulate(emitter, 0, 0, 3000, 5, summary);
        var flow = VisibleCutFlow.Of(summary, simulation.Selection.CutNames);
        Assert.Equal(simulation.Run(emitter, 3000, 5).WeightAfter, flow.WeightAfter);
        Assert.Equal(3000, flow.Events);
        Assert.Equal(5, flow.WeightAfter.Count);
        Assert.All(summary.VisibleWeightAfter.Skip(simulation.Selection.CutNames.Count + 1), w => Assert.Equal(WeightSum.Zero, w));
    }

    [Fact]
    public void An_x_sample_needs_a_visible_setup_and_has_no_raw_events()
    {
        var sample = new SampleDescriptor(SampleKind.X, 16.7, 0, 1);
        Assert.Equal("x-16.7MeV", sample.Name);
        var invisible = new ChunkProcessor(DetectorConditions.Default);
        var e = Assert.Throws<ArgumentException>(() => invisible.Process(new SimulatedChunk(sample, 1, 0, 0, 0, 10)));
        Assert.Contains("sample 'x-16.7MeV' is of the visible programme", e.Message);
        Assert.Contains("of the invisible one", e.Message);
        Assert.Contains("visible programme", Assert.Throws<ArgumentException>(() => new EventGenerator(DetectorConditions.Default, sample)).Message);
    }

    [Fact]
    public void The_visible_sums_travel_in_the_canonical_form_and_an_earlier_form_reads_them_as_zero()
    {
        var s = new EventSummary { Events = 9, VisibleEvents = 9, MuonEvents = 2 };
        s.VisibleWeightAfter[0] = FixedPointWeight.FromDouble(3.25);
        s.VisibleWeightAfter[4] = FixedPointWeight.FromDouble(1e-9);
        s.VisibleSquaredWeightAfter[0] = FixedPointWeight.FromDouble(1e-20);
        var back = EventSummary.FromCanonical(s.CanonicalBytes());
        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        Assert.Equal(9, back.VisibleEvents);
        Assert.Equal(s.VisibleWeightAfter, back.VisibleWeightAfter);
        Assert.Equal(s.VisibleSquaredWeightAfter, back.VisibleSquaredWeightAfter);
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeVisibleCanonicalLength));
        Assert.Equal(9, earlier.Events);
        Assert.Equal(2, earlier.MuonEvents);
        Assert.Equal(0, earlier.VisibleEvents);
        Assert.All(earlier.VisibleWeightAfter, w => Assert.Equal(WeightSum.Zero, w));
    }
}
