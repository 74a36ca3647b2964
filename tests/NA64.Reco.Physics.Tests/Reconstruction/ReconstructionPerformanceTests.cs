using System.Diagnostics;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Physics.Tests.Support;
using Xunit.Abstractions;

namespace NA64.Reco.Physics.Tests.Reconstruction;

public sealed class ReconstructionPerformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Reconstruction_selection_and_summary_allocate_nothing_per_event()
    {
        var c = TestEvents.C;
        var raw = TestEvents.Electron();
        raw.AddMicromegasHit(0, 33, 45);
        raw.HcalKeV[4] = 300_000;
        raw.VetoKeV[1] = 2_000;
        var reconstructor = new EventReconstructor(c);
        var selection = new InvisibleSelection(c);
        var accumulator = new SummaryAccumulator(c);
        var reco = RecoEvent.For(c);
        var summary = new EventSummary();
        void Run(int n)
        {
            for (var i = 0; i < n; i++)
            {
                reconstructor.Reconstruct(raw, reco);
                accumulator.Add(raw, reco, selection.Apply(reco), summary);
            }
        }
        Run(100); // JIT and tiering out of the measurement

        Assert.Equal(0, AllocationProbe.MinimumAllocatedBytes(() => Run(5000)));
        Assert.Equal(15100, summary.CutFlow[(int)Cut.SignalBox]);
    }

    [Fact]
    public void Reconstruction_speed_is_reported()
    {
        // A figure for the record, not a timed assertion: machines and load differ.
        var c = TestEvents.C;
        var raw = TestEvents.Electron();
        raw.AddMicromegasHit(0, 33, 45);
        var reconstructor = new EventReconstructor(c);
        var selection = new InvisibleSelection(c);
        var reco = RecoEvent.For(c);
        var passed = 0;
        for (var i = 0; i < 20_000; i++) { reconstructor.Reconstruct(raw, reco); passed += (int)selection.Apply(reco); }
        const int events = 200_000;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < events; i++) { reconstructor.Reconstruct(raw, reco); passed += (int)selection.Apply(reco); }
        watch.Stop();
        var nsPerEvent = watch.Elapsed.TotalNanoseconds / events;
        output.WriteLine($"reconstruct + select: {nsPerEvent:F0} ns/event, {1e9 / nsPerEvent:F0} events/s");
        Assert.Equal(220_000 * (int)Cut.SignalBox, passed);
    }
}
