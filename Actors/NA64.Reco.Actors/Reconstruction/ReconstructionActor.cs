using Akka.Actor;
using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Messages;
using static NA64.Reco.Messages.Reconstruction.ReconstructionProtocol;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// One chunk (sharded by chunk): runs the processor on the node's <see cref="ChunkThreads"/>, so neither the
/// actor's dispatcher nor the .NET thread pool it shares with Akka is blocked, and answers <see cref="ChunkResult"/> or <see cref="ChunkFailed"/>
/// (or <see cref="ChunkInterrupted"/> when its shard is handed over first).
/// </summary>
public sealed class ReconstructionActor : ReceiveActor
{
    private readonly IChunkProcessor _processor;
    private readonly ChunkThreads _threads;
    private readonly CancellationTokenSource _cts = new();
    private readonly List<IActorRef> _requesters = [];
    private bool _running;
    private string? _entityId;
    private int _chunk;
    private INa64Message? _answer;

    public ReconstructionActor(IChunkProcessor processor, ChunkThreads threads)
    {
        _processor = processor;
        _threads = threads;
        Receive<ProcessChunk>(Start);
        Receive<Completed>(c =>
        {
            _answer = c.Answer;
            foreach (var r in _requesters) r.Tell(c.Answer);
            _requesters.Clear();
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        });
        // The shard is handed over: a chunk under way is cancelled, and its requesters send it again to the new node.
        Receive<StopForHandOff>(_ =>
        {
            if (_answer is null)
                foreach (var r in _requesters) r.Tell(new ChunkInterrupted(_entityId!, _chunk));
            Context.Stop(Self);
        });
    }

    public static Props Props(IChunkProcessor processor, ChunkThreads threads) =>
        DelegateProducer<ReconstructionActor>.Props(() => new ReconstructionActor(processor, threads));

    private void Start(ProcessChunk msg)
    {
        if (_answer is not null)
        {
            Sender.Tell(_answer);
            return;
        }
        if (!_requesters.Contains(Sender)) _requesters.Add(Sender);
        if (_running) return;
        _running = true;
        _entityId = msg.EntityId;
        _chunk = msg.Work.Chunk;
        var processor = _processor;
        var token = _cts.Token;
        // Cancelled (the entity stopped) before a thread took it: no answer is wanted.
        _threads.Run(ct => Run(processor, msg, ct), token).PipeTo(Self);
    }

    private static Completed Run(IChunkProcessor processor, ProcessChunk msg, CancellationToken ct)
    {
        try
        {
            return new Completed(new ChunkResult(msg.EntityId, msg.Work.Chunk, processor.Process(msg.Work, ct)));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var (file, offset, reason) = FailureDescription.Of(ex, msg.Work);
            return new Completed(new ChunkFailed(msg.EntityId, msg.Work.Chunk, file, offset, reason));
        }
    }

    protected override void PostStop()
    {
        // A stopped node or passivated entity: let an unfinished Process give up early.
        _cts.Cancel();
        _cts.Dispose();
    }

    private sealed record Completed(INa64Message Answer);
}
