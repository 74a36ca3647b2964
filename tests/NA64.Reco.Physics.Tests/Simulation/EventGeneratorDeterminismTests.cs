using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Tests.Support;

namespace NA64.Reco.Physics.Tests.Simulation;

public sealed class EventGeneratorDeterminismTests
{
    [Theory]
    [InlineData(SampleKind.Beam)]
    [InlineData(SampleKind.Hadron)]
    [InlineData(SampleKind.Signal)]
    [InlineData(SampleKind.Dimuon)]
    public void Same_seed_spill_and_number_give_the_same_event_from_independent_generators(SampleKind kind)
    {
        var a = SimulationSamples.Create(kind, 1234);
        var b = SimulationSamples.Create(kind, 1234);
        var ea = RawEvent.For(a.Conditions);
        var eb = RawEvent.For(b.Conditions);
        for (var n = 0L; n < 50; n++)
        {
            a.Generate(7, n, ea);
            b.Generate(7, 49 - n, eb); // different history of the generator b
            b.Generate(7, n, eb);
            Assert.Equal(SimulationSamples.Snapshot(ea), SimulationSamples.Snapshot(eb));
        }
    }

    [Fact]
    public void Generate_clears_the_previous_event()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 5);
        var fresh = RawEvent.For(g.Conditions);
        var reused = RawEvent.For(g.Conditions);
        g.Generate(1, 3, reused);
        g.Generate(1, 4, reused);
        g.Generate(1, 4, fresh);
        Assert.Equal(SimulationSamples.Snapshot(fresh), SimulationSamples.Snapshot(reused));
        Assert.Equal(4, reused.EventNumber);
    }

    [Fact]
    public void Different_events_spills_and_seeds_differ()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 99);
        var other = SimulationSamples.Create(SampleKind.Beam, 100);
        var ev = RawEvent.For(g.Conditions);
        g.Generate(0, 0, ev);
        var reference = SimulationSamples.Snapshot(ev);
        var referenceTruth = ev.Truth;
        g.Generate(0, 1, ev);
        Assert.NotEqual(referenceTruth.XMm, ev.Truth.XMm);
        Assert.NotEqual(reference[8..], SimulationSamples.Snapshot(ev)[8..]);
        g.Generate(1, 0, ev);
        Assert.NotEqual(referenceTruth.XMm, ev.Truth.XMm);
        other.Generate(0, 0, ev);
        Assert.NotEqual(referenceTruth.XMm, ev.Truth.XMm);
    }

    [Fact]
    public void A_chunk_generated_alone_equals_the_same_events_generated_in_one_go()
    {
        var whole = SimulationSamples.Create(SampleKind.Beam, 2024);
        var chunk = SimulationSamples.Create(SampleKind.Beam, 2024);
        var ev = RawEvent.For(whole.Conditions);
        var expected = new List<byte[]>();
        for (var n = 0L; n < 1000; n++)
        {
            whole.Generate(3, n, ev);
            if (n >= 500) expected.Add(SimulationSamples.Snapshot(ev));
        }
        for (var n = 500L; n < 1000; n++)
        {
            chunk.Generate(3, n, ev);
            Assert.Equal(expected[(int)(n - 500)], SimulationSamples.Snapshot(ev));
        }
    }

    [Theory]
    [InlineData(SampleKind.Beam)]
    [InlineData(SampleKind.Hadron)]
    [InlineData(SampleKind.Signal)]
    public void Generating_events_allocates_nothing(SampleKind kind)
    {
        var g = SimulationSamples.Create(kind, 77);
        var ev = RawEvent.For(g.Conditions);
        for (var n = 0L; n < 1000; n++) g.Generate(0, n, ev); // warm-up: static tables, JIT
        var next = 1000L;
        Assert.Equal(0, AllocationProbe.MinimumAllocatedBytes(() =>
        {
            for (var i = 0; i < 2000; i++) g.Generate(0, next++, ev);
        }));
    }

    [Fact]
    public void Header_counts_every_simulated_event_as_on_target_and_recorded()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 8);
        var h = g.CreateHeader(run: 12, spill: 4, events: 5000);
        Assert.Equal(12, h.Run);
        Assert.Equal(4, h.Spill);
        Assert.Equal(5000, h.Eot);
        Assert.Equal(5000, h.Triggers);
        Assert.Equal(0, h.StartUnixMs);
        Assert.Equal(DetectorConditions.Default.Id, h.ConditionsId);
        Assert.Equal(g.Sample, h.Sample);
    }

    [Fact]
    public void Real_data_and_a_massless_signal_cannot_be_generated()
    {
        Assert.Throws<ArgumentException>(() => new EventGenerator(DetectorConditions.Default, SampleDescriptor.RealData));
        Assert.Throws<ArgumentException>(() => new EventGenerator(DetectorConditions.Default, new SampleDescriptor(SampleKind.Signal, 0, 1e-4, 1)));
    }

    [Fact]
    public void An_event_sized_for_other_conditions_is_refused()
    {
        var g = SimulationSamples.Create(SampleKind.Beam, 8);
        Assert.Throws<ArgumentException>(() => g.Generate(0, 0, SpillFileLayout.Standard(2, 36, 4, 9, 3, 8, 64).CreateEvent()));
    }
}
