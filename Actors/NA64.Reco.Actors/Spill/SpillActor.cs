using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Messages;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Reconstruction.ReconstructionProtocol;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// One spill (sharded by spill id): cuts it into chunk descriptors, sends them to the sharded reconstruction
/// actors a bounded number at a time (named onto the chunk shards of this node, when it has any), merges the
/// partial summaries in chunk order, sets the spill's EOT once, and answers <see cref="SpillDone"/>. A chunk
/// that fails quarantines the spill. Stopped for a shard hand-off before its answer, it answers
/// <see cref="SpillInterrupted"/>; a chunk interrupted so is sent again at once.
/// </summary>
public sealed class SpillActor : ReceiveActor, IWithTimers
{
    private readonly IActorRef _chunkRegion;
    private readonly ISpillCatalog _catalog;
    private readonly SpillSettings _settings;
    private readonly LocalChunkShards? _localShards;
    private readonly List<IActorRef> _requesters = [];
    private ProcessSpill? _work;
    private ChunkWork[] _chunks = [];
    private string[] _chunkIds = [];
    private SpillSummary?[] _results = [];
    private readonly HashSet<int> _outstanding = [];
    private int _nextToSend;
    private int _received;
    private long _eot;
    private string? _sampleName;
    private INa64Message? _answer;

    /// <param name="localShards">The chunk shards of this node, to name the chunks onto (null: plain names).</param>
    public SpillActor(IActorRef chunkRegion, ISpillCatalog catalog, SpillSettings settings, LocalChunkShards? localShards = null)
    {
        _chunkRegion = chunkRegion;
        _catalog = catalog;
        _settings = settings;
        _localShards = localShards;
        Idle();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => MemberRemovals.Subscribe(Context);

    protected override void PostStop() => MemberRemovals.Unsubscribe(Context);

    public static Props Props(IActorRef chunkRegion, ISpillCatalog catalog, SpillSettings settings, LocalChunkShards? localShards = null) =>
        DelegateProducer<SpillActor>.Props(() => new SpillActor(chunkRegion, catalog, settings, localShards));

    private void Idle()
    {
        Receive<ProcessSpill>(Start);
        Receive<ClusterEvent.MemberRemoved>(_ => { });
        Receive<StopForHandOff>(_ => Context.Stop(Self));
    }

    /// <summary>The shard is handed over: the requesters send the spill again (it lands on the shard's new node).</summary>
    private void Interrupted()
    {
        var work = _work!;
        foreach (var r in _requesters) r.Tell(new SpillInterrupted(work.CampaignId, work.Spill.SpillId));
        _requesters.Clear();
        Context.Stop(Self);
    }

    private void Start(ProcessSpill work)
    {
        _work = work;
        _requesters.Add(Sender);
        var spill = work.Spill;
        if (!spill.IsRawFile)
        {
            // MC: EOT is the number of simulated beam electrons, one per event.
            PlanChunks(new SpillFacts(spill.Run, spill.Spill, spill.Events, spill.Events));
            return;
        }
        Become(Resolving);
        var catalog = _catalog;
        var path = spill.Path!;
        // Reading the header is file I/O: off the actor's thread.
        Task.Run(() => catalog.Describe(path)).PipeTo(Self, success: facts => new Resolved(facts), failure: ex => new ResolveFailed(ex));
    }

    private void Resolving()
    {
        Receive<ProcessSpill>(_ => AddRequester());
        Receive<ClusterEvent.MemberRemoved>(_ => { });
        Receive<StopForHandOff>(_ => Interrupted());
        Receive<Resolved>(r => PlanChunks(r.Facts));
        Receive<ResolveFailed>(f =>
        {
            var (file, offset, reason) = FailureDescription.Of(f.Cause, new RawFileChunk(_work!.Spill.Path!, 0, 0, 0, 0));
            Finish(new SpillFailed(_work.CampaignId, new QuarantineEntry(_work.Spill.SpillId, _work.Spill.SampleName, file, offset, reason, 0)));
        });
    }

    private void PlanChunks(SpillFacts facts)
    {
        var work = _work!;
        var spill = work.Spill;
        _eot = facts.Eot;
        _sampleName = facts.SampleName;
        var count = (int)((facts.Events + work.ChunkSize - 1) / work.ChunkSize);
        _chunks = new ChunkWork[count];
        _results = new SpillSummary?[count];
        for (var c = 0; c < count; c++)
        {
            var first = (long)c * work.ChunkSize;
            var n = (int)Math.Min(work.ChunkSize, facts.Events - first);
            _chunks[c] = spill.IsRawFile
                ? new RawFileChunk(spill.Path!, facts.Spill, c, first, n)
                : new SimulatedChunk(spill.Sample, spill.Run, spill.Spill, c, first, n);
        }
        _chunkIds = new string[count];
        for (var c = 0; c < count; c++) _chunkIds[c] = _localShards?.ChunkEntityId(work.EntityId, c) ?? LocalChunkShards.PlainEntityId(work.EntityId, c);
        Become(Working);
        if (count == 0) Complete();
        else SendMore();
        SetReceiveTimeout(_settings.ChunkTimeout);
    }

    private void Working()
    {
        Receive<ProcessSpill>(_ => AddRequester());
        Receive<ChunkResult>(r =>
        {
            if (r.Chunk < 0 || r.Chunk >= _results.Length || _results[r.Chunk] is not null) return;
            _results[r.Chunk] = r.Summary;
            _outstanding.Remove(r.Chunk);
            if (++_received == _results.Length) Complete();
            else SendMore();
        });
        Receive<ChunkFailed>(f =>
        {
            var work = _work!;
            Finish(new SpillFailed(work.CampaignId,
                new QuarantineEntry(work.Spill.SpillId, work.Spill.SampleName, f.File, f.Offset, f.Reason, ExpectedEvents())));
        });
        // The chunk's shard was handed over: its new node takes the same name.
        Receive<ChunkInterrupted>(i =>
        {
            if (_outstanding.Contains(i.Chunk)) SendChunk(i.Chunk);
        });
        Receive<StopForHandOff>(_ => Interrupted());
        // A reconstruction actor lost with its node never answers: ask again; a late double answer is ignored above.
        Receive<ReceiveTimeout>(_ => ResendOutstanding());
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            if (_outstanding.Count == 0) return;
            Context.GetLogger().Warning("spill {0}: member {1} removed; sending its {2} chunks in flight again in {3}", _work!.EntityId, m.Member.Address,
                _outstanding.Count, MemberRemovals.SettleDelay);
            Timers.StartSingleTimer("member-removed", ResendChunks.Instance, MemberRemovals.SettleDelay);
        });
        Receive<ResendChunks>(_ => ResendOutstanding());
    }

    private void ResendOutstanding()
    {
        foreach (var c in _outstanding) SendChunk(c);
    }

    private void Finished()
    {
        Receive<ProcessSpill>(_ => Sender.Tell(_answer));
        Receive<ChunkResult>(_ => { });
        Receive<ChunkFailed>(_ => { });
        Receive<ChunkInterrupted>(_ => { });
        Receive<StopForHandOff>(_ => Context.Stop(Self));
        Receive<ReceiveTimeout>(_ => { });
        Receive<ResendChunks>(_ => { });
        Receive<ClusterEvent.MemberRemoved>(_ => { });
    }

    private void SendMore()
    {
        while (_outstanding.Count < _settings.MaxChunksInFlight && _nextToSend < _chunks.Length)
        {
            var c = _nextToSend++;
            _outstanding.Add(c);
            SendChunk(c);
        }
    }

    /// <summary>Merges in chunk order (the merge is exact anyway; a fixed order keeps it obviously so).</summary>
    private void Complete()
    {
        var summary = new SpillSummary();
        foreach (var r in _results) summary.Merge(r!);
        // A spill's EOT and spill count belong to the spill, not to its chunks: set once, here.
        summary.Eot = _eot;
        summary.Spills = 1;
        Finish(new SpillDone(_work!.CampaignId, _work.Spill.SpillId, summary, _sampleName));
    }

    private void Finish(INa64Message answer)
    {
        _answer = answer;
        foreach (var r in _requesters) r.Tell(answer);
        _requesters.Clear();
        _results = [];
        SetReceiveTimeout(null);
        Become(Finished);
        // The answer is journaled by the coordinator; this entity is no longer needed.
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private void AddRequester()
    {
        if (!_requesters.Contains(Sender)) _requesters.Add(Sender);
    }

    private long ExpectedEvents()
    {
        long n = 0;
        foreach (var c in _chunks) n += c.Count;
        return n;
    }

    /// <summary>Sends chunk <paramref name="chunk"/>, first or again, always under the same name.</summary>
    private void SendChunk(int chunk) => _chunkRegion.Tell(new ProcessChunk(_chunkIds[chunk], _chunks[chunk]));

    private sealed class ResendChunks
    {
        public static readonly ResendChunks Instance = new();
    }

    private sealed record Resolved(SpillFacts Facts);

    private sealed record ResolveFailed(Exception Cause);
}
