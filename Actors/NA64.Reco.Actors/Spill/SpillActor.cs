using Akka.Actor;
using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Messages;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Actors.Reconstruction.ReconstructionProtocol;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// One spill (sharded by spill id): takes its campaign's conditions (from the node, or asked of the coordinator), cuts
/// the spill into chunk descriptors and reconstructs them on its own node, a bounded number at a time, each by a child
/// <see cref="ReconstructionActor"/>; merges the partial summaries in chunk order, sets the spill's EOT once, and
/// answers <see cref="SpillDone"/>. Corrupt input quarantines the spill (<see cref="SpillFailed"/>); input that cannot
/// be read now is reported as <see cref="SpillHeld"/>, to be tried again. Stopped for a shard hand-off before its
/// answer, it answers <see cref="SpillInterrupted"/>.
/// </summary>
public sealed class SpillActor : ReceiveActor
{
    private readonly ISpillCatalog _catalog;
    private readonly IChunkProcessor _processor;
    private readonly ChunkThreads _threads;
    private readonly ConditionsCache _conditionsCache;
    private readonly SpillSettings _settings;
    private readonly List<IActorRef> _requesters = [];
    private readonly Dictionary<IActorRef, int> _running = [];
    private ProcessSpill? _work;
    private Setup? _setup;
    private ChunkWork[] _chunks = [];
    private EventSummary?[] _results = [];
    private int _nextToSend;
    private int _received;
    private long _eot;
    private Physics.RawData.SampleDescriptor? _sample;
    private INa64Message? _answer;

    public SpillActor(ISpillCatalog catalog, IChunkProcessor processor, ChunkThreads threads, ConditionsCache conditions, SpillSettings settings)
    {
        _catalog = catalog;
        _processor = processor;
        _threads = threads;
        _conditionsCache = conditions;
        _settings = settings;
        Idle();
    }

    public static Props Props(ISpillCatalog catalog, IChunkProcessor processor, ChunkThreads threads, ConditionsCache conditions, SpillSettings settings) =>
        DelegateProducer<SpillActor>.Props(() => new SpillActor(catalog, processor, threads, conditions, settings));

    private void Idle()
    {
        Receive<ProcessSpill>(Start);
        Receive<StopForHandOff>(_ => Context.Stop(Self));
    }

    private void Start(ProcessSpill work)
    {
        _work = work;
        _requesters.Add(Sender);
        if (_conditionsCache.TryGet(work.ConditionsHash, out var setup))
        {
            Begin(setup);
            return;
        }
        // This node has not worked for the campaign yet: its coordinator has the document.
        Sender.Tell(new GetConditions(work.CampaignId, work.ConditionsHash));
        Become(AwaitingConditions);
        SetReceiveTimeout(_settings.ConditionsTimeout);
    }

    private void AwaitingConditions()
    {
        Receive<ProcessSpill>(_ => AddRequester());
        Receive<StopForHandOff>(_ => Interrupted());
        Receive<CampaignConditions>(c => c.Hash == _work!.ConditionsHash, c =>
        {
            SetReceiveTimeout(null);
            Setup parsed;
            try
            {
                parsed = Setup.Parse(System.Text.Encoding.UTF8.GetBytes(c.Json), $"conditions {c.Id} of campaign {_work!.CampaignId}");
            }
            catch (ConditionsException ex)
            {
                Hold("(conditions)", ex.Message);
                return;
            }
            if (parsed.Hash != _work!.ConditionsHash)
            {
                Hold("(conditions)", $"the coordinator sent conditions of hash {parsed.Hash[..12]}, not {_work.ConditionsHash[..12]}");
                return;
            }
            _conditionsCache.Add(parsed);
            Begin(parsed);
        });
        Receive<ReceiveTimeout>(_ => Hold("(conditions)", $"conditions {_work!.ConditionsHash[..12]} not received from the coordinator within {_settings.ConditionsTimeout}"));
    }

    private void Begin(Setup setup)
    {
        _setup = setup;
        var spill = _work!.Spill;
        if (!spill.IsRawFile)
        {
            // MC: EOT is the number of simulated beam electrons, one per event.
            PlanChunks(new SpillFacts(spill.Run, spill.Spill, spill.Events, spill.Events));
            return;
        }
        Become(Resolving);
        var catalog = _catalog;
        var file = spill.File!;
        // Reading the header is file I/O: off the actor's thread.
        Task.Run(() => catalog.Describe(file.Path)).PipeTo(Self, success: facts => new Resolved(facts), failure: ex => new ResolveFailed(ex));
    }

    private void Resolving()
    {
        Receive<ProcessSpill>(_ => AddRequester());
        Receive<StopForHandOff>(_ => Interrupted());
        Receive<Resolved>(r =>
        {
            var file = _work!.Spill.File!;
            if (r.Facts.HeaderDigest is { } digest && digest != file.HeaderDigest)
                Hold(file.Path, $"the file changed since the campaign was submitted (header digest {digest[..12]}, {file.HeaderDigest[..Math.Min(12, file.HeaderDigest.Length)]} at submission)");
            else
                PlanChunks(r.Facts);
        });
        Receive<ResolveFailed>(f =>
        {
            var failure = FailureDescription.Of(f.Cause, null, _work!.Spill.Path);
            if (failure.IsReadError) Hold(failure.File, failure.Reason);
            else Finish(new SpillFailed(_work.CampaignId, new QuarantineEntry(_work.Spill.SpillId, _work.Spill.SampleName, failure.File, failure.Offset, failure.Reason, 0)));
        });
    }

    private void PlanChunks(SpillFacts facts)
    {
        var work = _work!;
        var spill = work.Spill;
        _eot = facts.Eot;
        _sample = facts.Sample;
        var count = (int)((facts.Events + work.ChunkSize - 1) / work.ChunkSize);
        _chunks = new ChunkWork[count];
        _results = new EventSummary?[count];
        for (var c = 0; c < count; c++)
        {
            var first = (long)c * work.ChunkSize;
            var n = (int)Math.Min(work.ChunkSize, facts.Events - first);
            _chunks[c] = spill.File is { } file
                ? new RawFileChunk(file.Path, facts.Spill, c, first, n, file.Size, file.HeaderDigest)
                : new SimulatedChunk(spill.Sample, spill.Run, spill.Spill, c, first, n);
        }
        Become(Working);
        if (count == 0) Complete();
        else SendMore();
    }

    private void Working()
    {
        Receive<ProcessSpill>(_ => AddRequester());
        Receive<ChunkResult>(r =>
        {
            _running.Remove(Sender);
            if (r.Chunk < 0 || r.Chunk >= _results.Length || _results[r.Chunk] is not null) return;
            _results[r.Chunk] = r.Summary;
            if (++_received == _results.Length) Complete();
            else SendMore();
        });
        Receive<ChunkFailed>(f =>
        {
            _running.Remove(Sender);
            var work = _work!;
            if (f.IsReadError) Hold(f.File, f.Reason);
            else Finish(new SpillFailed(work.CampaignId, new QuarantineEntry(work.Spill.SpillId, work.Spill.SampleName, f.File, f.Offset, f.Reason, ExpectedEvents())));
        });
        Receive<StopForHandOff>(_ => Interrupted());
    }

    private void Finished()
    {
        Receive<ProcessSpill>(_ => Sender.Tell(_answer));
        Receive<ChunkResult>(_ => { });
        Receive<ChunkFailed>(_ => { });
        Receive<CampaignConditions>(_ => { });
        Receive<ReceiveTimeout>(_ => { });
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

    private void SendMore()
    {
        while (_running.Count < _settings.MaxChunksInFlight && _nextToSend < _chunks.Length)
        {
            var c = _nextToSend++;
            _running[Context.ActorOf(ReconstructionActor.Props(_processor, _setup!, _threads, _chunks[c]))] = c;
        }
    }

    /// <summary>
    /// Merges in chunk order (the merge is exact anyway; a fixed order keeps it obviously so), into the first chunk's
    /// summary: this actor owns its chunks' summaries, and a summary is 250 kB to allocate.
    /// </summary>
    private void Complete()
    {
        var summary = _results.Length > 0 ? _results[0]! : new EventSummary();
        for (var c = 1; c < _results.Length; c++) summary.Merge(_results[c]!);
        // A spill's EOT and spill count belong to the spill, not to its chunks: set once, here.
        summary.Eot = _eot;
        summary.Spills = 1;
        Finish(new SpillDone(_work!.CampaignId, _work.Spill.SpillId, SummaryCodec.Encode(summary), _sample));
    }

    /// <summary>The input cannot be read now: the coordinator tries the spill again later.</summary>
    private void Hold(string file, string reason) => Finish(new SpillHeld(_work!.CampaignId, _work.Spill.SpillId, file, reason));

    private void Finish(INa64Message answer)
    {
        _answer = answer;
        foreach (var r in _requesters) r.Tell(answer);
        _requesters.Clear();
        _results = [];
        foreach (var child in _running.Keys) Context.Stop(child);
        _running.Clear();
        SetReceiveTimeout(null);
        Become(Finished);
        // The answer is journaled by the coordinator (or, held, asked for again later, of a new incarnation): this entity
        // is no longer needed.
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

    private sealed record Resolved(SpillFacts Facts);

    private sealed record ResolveFailed(Exception Cause);
}
