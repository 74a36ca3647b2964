using Akka.Actor;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Setups;
using static NA64.Reco.Actors.Reconstruction.ReconstructionProtocol;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// One chunk of a spill, a child of the spill actor on the same node: runs the processor on the node's
/// <see cref="ChunkThreads"/> (so neither the actors' dispatcher nor the .NET thread pool is blocked), tells its parent
/// <see cref="ChunkResult"/> or <see cref="ChunkFailed"/>, and stops. Stopped first (its spill finished or was handed
/// over), it cancels the work.
/// </summary>
public sealed class ReconstructionActor : ReceiveActor
{
    private readonly IChunkProcessor _processor;
    private readonly Setup _setup;
    private readonly ChunkThreads _threads;
    private readonly ChunkWork _work;
    private readonly CancellationTokenSource _cts = new();

    public ReconstructionActor(IChunkProcessor processor, Setup setup, ChunkThreads threads, ChunkWork work)
    {
        _processor = processor;
        _setup = setup;
        _threads = threads;
        _work = work;
        Receive<Completed>(c =>
        {
            Context.Parent.Tell(c.Answer);
            Context.Stop(Self);
        });
    }

    public static Props Props(IChunkProcessor processor, Setup setup, ChunkThreads threads, ChunkWork work) =>
        DelegateProducer<ReconstructionActor>.Props(() => new ReconstructionActor(processor, setup, threads, work));

    protected override void PreStart()
    {
        var (processor, setup, work) = (_processor, _setup, _work);
        // Cancelled (the actor stopped) before a thread took it: no answer is wanted.
        _threads.Run(ct => Run(processor, setup, work, ct), _cts.Token).PipeTo(Self);
    }

    protected override void PostStop()
    {
        _cts.Cancel();
        _cts.Dispose();
    }

    private static Completed Run(IChunkProcessor processor, Setup setup, ChunkWork work, CancellationToken ct)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var summary = processor.Process(work, setup, ct);
            Metrics.Na64Metrics.ChunkProcessed(summary.Events, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return new Completed(new ChunkResult(work.Chunk, summary));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var f = FailureDescription.Of(ex, work);
            return new Completed(new ChunkFailed(work.Chunk, f.File, f.Offset, f.Reason, f.IsReadError));
        }
    }

    private sealed record Completed(object Answer);
}
