using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>
/// A deterministic stand-in for the physics: a chunk's summary depends only on its descriptor. Records
/// calls and the largest number of chunks processed at once; can fail or hold chosen chunks.
/// </summary>
internal sealed class TestProcessor : IChunkProcessor
{
    private int _running;
    private int _maxRunning;
    private int _calls;

    /// <summary>Chunks for which Process throws a <see cref="CorruptSpillException"/>.</summary>
    public Func<ChunkWork, bool> Corrupt { get; init; } = _ => false;
    /// <summary>Chunks whose input cannot be read now: Process throws an <see cref="IOException"/>.</summary>
    public Func<ChunkWork, bool> Unreadable { get; init; } = _ => false;
    /// <summary>The hash of the conditions of every call.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ConditionsUsed { get; } = [];
    /// <summary>Chunks that wait until cancelled (to stop a node mid-campaign).</summary>
    public Func<ChunkWork, bool> Hold { get; init; } = _ => false;
    /// <summary>
    /// If set, the first calls wait until this many run at once, then every call goes through: the
    /// pipeline must fill its bound exactly, and can be seen exceeding it.
    /// </summary>
    public int FillTo { get; init; }
    private readonly ManualResetEventSlim _filled = new(false);

    public int Calls => Volatile.Read(ref _calls);
    public int MaxConcurrency => Volatile.Read(ref _maxRunning);

    public EventSummary Process(ChunkWork work, NA64.Reco.Physics.Setups.Setup setup, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls);
        ConditionsUsed.Add(setup.Hash);
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < now && Interlocked.CompareExchange(ref _maxRunning, now, seen) != seen)
        {
        }
        try
        {
            if (FillTo > 0)
            {
                if (now >= FillTo) _filled.Set();
                _filled.Wait(ct);
            }
            if (Hold(work))
            {
                ct.WaitHandle.WaitOne();
                ct.ThrowIfCancellationRequested();
            }
            if (Corrupt(work)) throw new CorruptSpillException($"spill-{work.Spill}.dat", 4096 + work.FirstEvent, "bad event header magic");
            if (Unreadable(work)) throw new IOException($"spill-{work.Spill}.dat: Input/output error");
            return SummaryOf(work);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    /// <summary>The summary of one chunk: events and cut-flow from the count, histograms and weights from the position.</summary>
    public static EventSummary SummaryOf(ChunkWork work)
    {
        var s = new EventSummary { Events = work.Count };
        var seed = work is SimulatedChunk sim ? (long)(sim.Sample.Seed % 1000) : 7;
        s.CutFlow[0] = work.Count;
        s.CutFlow[1] = work.Count / 2 + (work.Spill + work.Chunk + seed) % 5;
        s.WeightedCutFlow[0] = FixedPointWeight.FromDouble(0.25) * work.Count;
        s.WeightedCutFlow[^1] = FixedPointWeight.FromDouble(0.125) * (work.Count / 3);
        s.WeightedSquaredCutFlow[0] = FixedPointWeight.FromDouble(0.0625) * work.Count;
        s.Momentum.Fill(90 + (work.Spill * 7 + work.Chunk * 3 + seed) % 20);
        s.EcalVsHcal.Fill(work.Chunk, work.Spill % 100);
        // Chunks do not know the spill's EOT: the spill actor sets it once.
        s.Eot = 999_999;
        s.Spills = 7;
        return s;
    }
}
