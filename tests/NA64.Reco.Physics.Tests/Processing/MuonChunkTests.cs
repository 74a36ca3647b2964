using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Processing;

/// <summary>The muon programme's samples as a campaign's chunks: the pipeline's processor over the same physics.</summary>
public sealed class MuonChunkTests
{
    private static readonly Setup s_setup = SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;

    [Fact]
    public void Chunks_of_a_muon_spill_merge_to_the_spill_simulated_whole()
    {
        var processor = new ChunkProcessor(s_setup);
        var simulation = new MuonEventSimulation(s_setup, MuonCalorimeterPassage.Of(s_setup.Conditions));
        foreach (var sample in new[] { new SampleDescriptor(SampleKind.ZPrime, 100, 0, 7), new SampleDescriptor(SampleKind.Muon, 0, 0, 7) })
        {
            // Spill 3's events 0 … 9999 in three uneven chunks, one of them longer than the processor's blocks.
            var merged = processor.Process(new SimulatedChunk(sample, 1, 3, 0, 0, 2500));
            merged.Merge(processor.Process(new SimulatedChunk(sample, 1, 3, 2, 7000, 3000)));
            merged.Merge(processor.Process(new SimulatedChunk(sample, 1, 3, 1, 2500, 4500)));
            var whole = new EventSummary();
            simulation.Simulate(sample.Kind == SampleKind.ZPrime ? simulation.EmitterFor(100) : null, 3, 0, 10_000, 7, whole);
            Assert.Equal(whole.Fingerprint(), merged.Fingerprint());
            Assert.Equal(10_000, merged.Events);
            Assert.Equal(10_000, merged.MuonEvents);
            Assert.Equal(0, merged.CutFlow[0]);
            // The spill is its own random stream: spill 4 gives other counts.
            var other = new EventSummary();
            simulation.Simulate(sample.Kind == SampleKind.ZPrime ? simulation.EmitterFor(100) : null, 4, 0, 10_000, 7, other);
            Assert.NotEqual(whole.MuonPassedAfter, other.MuonPassedAfter);
        }
    }

    [Fact]
    public void Spill_zero_of_a_sample_is_the_cut_flow_of_the_direct_run()
    {
        var simulation = new MuonEventSimulation(s_setup, MuonCalorimeterPassage.Of(s_setup.Conditions));
        var emitter = simulation.EmitterFor(10);
        var summary = new EventSummary();
        simulation.Simulate(emitter, 0, 0, 3000, 5, summary);
        var flow = MuonCutFlow.Of(summary, simulation.Selection.CutNames);
        Assert.Equal(simulation.Run(emitter, 3000, 5).PassedAfter, flow.PassedAfter);
        Assert.Equal(3000, flow.Events);
        // Slots after the selection's cuts stay empty.
        Assert.All(summary.MuonPassedAfter.Skip(simulation.Selection.CutNames.Count), n => Assert.Equal(0, n));
    }

    [Fact]
    public void A_muon_sample_needs_a_muon_setup_and_has_no_raw_events()
    {
        var sample = new SampleDescriptor(SampleKind.Muon, 0, 0, 1);
        var invisible = new ChunkProcessor(DetectorConditions.Default);
        var e = Assert.Throws<ArgumentException>(() => invisible.Process(new SimulatedChunk(sample, 1, 0, 0, 0, 10)));
        Assert.Contains("sample 'muon' is of the muon programme", e.Message);
        Assert.Contains("of the invisible one", e.Message);
        Assert.Contains("muon programme", Assert.Throws<ArgumentException>(() => new EventGenerator(DetectorConditions.Default, new SampleDescriptor(SampleKind.ZPrime, 10, 0, 1))).Message);
    }

    [Fact]
    public void The_muon_counts_travel_in_the_canonical_form_and_an_earlier_form_reads_them_as_zero()
    {
        var s = new EventSummary { Events = 9, MuonEvents = 9 };
        s.MuonPassedAfter[0] = 8;
        s.MuonPassedAfter[4] = 3;
        var back = EventSummary.FromCanonical(s.CanonicalBytes());
        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        Assert.Equal(9, back.MuonEvents);
        Assert.Equal(s.MuonPassedAfter, back.MuonPassedAfter);
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeMuonsCanonicalLength));
        Assert.Equal(9, earlier.Events);
        Assert.Equal(0, earlier.MuonEvents);
        Assert.All(earlier.MuonPassedAfter, n => Assert.Equal(0, n));
    }
}
