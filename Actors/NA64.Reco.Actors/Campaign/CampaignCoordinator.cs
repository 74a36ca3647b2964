using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Metrics;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Messages.Spill;
using static NA64.Reco.Messages.Campaign.CampaignEvents;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// Runs one campaign: sends its spills to the sharded spill actors, a bounded number at a time, and journals each
/// outcome (SpillDone or quarantine) before counting it, so that a restart replays the journal and sends only the
/// spills not yet done. Holds the <see cref="CampaignAggregate"/>. Each spill goes to the worker node with the fewest of
/// its spills in flight (<see cref="SpillPlacement"/>), when the settings say so. A spill whose input cannot be read
/// now is tried again after a back-off; after <see cref="CoordinatorSettings.ReadAttempts"/> attempts it is held for
/// this run, and a campaign with held spills ends stalled (resumed later, it reads them again).
/// </summary>
public sealed class CampaignCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly CampaignPlan _plan;
    private readonly CampaignConditions _conditions;
    private readonly IActorRef _spillRegion;
    private readonly IActorRef _listener;
    private readonly CoordinatorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    /// <summary>The next ordinal of the plan to dispatch: spills are made one at a time, never queued all at once.</summary>
    private int _next;
    /// <summary>Spills to send again before the next new one (read retries that fell due).</summary>
    private readonly Queue<int> _retry = new();
    /// <summary>Spills in flight: when each was (last) sent, and the entity name it was sent under.</summary>
    private readonly Dictionary<string, (DateTime SentAt, string EntityId)> _inFlight = new(StringComparer.Ordinal);
    /// <summary>Spills whose input could not be read, by ordinal: attempts so far and the last failure.</summary>
    private readonly Dictionary<int, (int Attempts, HeldSpill Last)> _unreadable = [];
    /// <summary>Spills whose outcome is being journaled (written, not yet confirmed): a second answer for one is a duplicate.</summary>
    private readonly HashSet<string> _journaling = new(StringComparer.Ordinal);
    private readonly SpillPlacement? _placement;
    private CampaignAggregate _aggregate;
    private string? _journalSpecHash;
    private int _resumed;
    private int _sinceSnapshot;
    private bool _endSent;
    private bool _paused;
    /// <summary>The longest a spill of this run took to be answered: what makes an unanswered one overdue (<see cref="CoordinatorSettings.OverdueAfter"/>).</summary>
    private TimeSpan _slowestAnswer;
    /// <summary>Up members with the worker role; null outside a cluster (counts as one).</summary>
    private HashSet<UniqueAddress>? _workers;

    public CampaignCoordinator(CampaignPlan plan, CampaignConditions conditions, IActorRef spillRegion, IActorRef listener, CoordinatorSettings settings)
    {
        _plan = plan;
        _conditions = conditions;
        _spillRegion = spillRegion;
        _listener = listener;
        _settings = settings;
        _aggregate = new CampaignAggregate(plan);
        if (settings.PlacementShards > 0) _placement = new SpillPlacement(settings.PlacementShards);

        Recover<SnapshotOffer>(offer =>
        {
            switch (offer.Snapshot)
            {
                case CampaignCheckpoint c when CampaignAggregate.FromCheckpoint(plan, c) is { } a:
                    _aggregate = a;
                    _journalSpecHash = c.SpecHash;
                    break;
                case CampaignSnapshot s:
                    _aggregate = CampaignAggregate.FromSnapshot(plan, s);
                    _journalSpecHash = s.SpecHash;
                    break;
            }
        });
        Recover<CampaignStarted>(e => _journalSpecHash = e.SpecHash);
        // Statement bodies: a bool-returning expression would pick the "handled?" overload of Recover.
        Recover<SpillCompleted>(e => { _aggregate.ApplyDone(e.SpillId, e.SampleName, e.Summary, e.Sample); });
        Recover<SpillQuarantined>(e => { _aggregate.ApplyQuarantined(CampaignAggregate.ToEntry(e)); });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SpillProtocol.SpillDone>(OnSpillDone);
        Command<SpillProtocol.SpillFailed>(f => Quarantine(f.Entry));
        Command<SpillProtocol.SpillHeld>(OnSpillHeld);
        Command<SpillProtocol.SpillInterrupted>(OnSpillInterrupted);
        Command<SpillProtocol.GetConditions>(g =>
        {
            if (g.Hash == _conditions.Hash) Sender.Tell(_conditions);
            else _log.Warning("campaign {0}: asked for conditions {1}, not this campaign's ({2})", _plan.CampaignId, g.Hash, _conditions.Hash);
        });
        Command<GetCampaignStatus>(_ => Sender.Tell(Progress()));
        Command<RetryTick>(_ => ResendOverdue());
        Command<ReadRetryDue>(r =>
        {
            _retry.Enqueue(r.Ordinal);
            Dispatch();
        });
        Command<PlacementTick>(_ => _spillRegion.Tell(new GetClusterShardingStats(CoordinatorSettings.PlacementInterval)));
        Command<ClusterShardingStats>(stats => _placement?.Update(stats));
        Command<ClusterEvent.CurrentClusterState>(state =>
        {
            _workers = [];
            foreach (var m in state.Members)
                if (m.Status == MemberStatus.Up && m.HasRole(Hosting.PipelineHosting.WorkerRole)) _workers.Add(m.UniqueAddress);
            DispatchIfStarted();
        });
        Command<ClusterEvent.MemberUp>(m =>
        {
            if (m.Member.HasRole(Hosting.PipelineHosting.WorkerRole) && (_workers ??= []).Add(m.Member.UniqueAddress)) DispatchIfStarted();
        });
        Command<ClusterEvent.MemberRemoved>(m =>
        {
            _workers?.Remove(m.Member.UniqueAddress);
            if (_inFlight.Count == 0) return;
            _log.Warning("campaign {0}: member {1} removed; sending the {2} spills in flight again in {3}", _plan.CampaignId, m.Member.Address, _inFlight.Count,
                MemberRemovals.SettleDelay);
            Timers.StartSingleTimer("member-removed", ResendInFlight.Instance, MemberRemovals.SettleDelay);
        });
        Command<ResendInFlight>(_ => ResendAllInFlight());
        Command<Begin>(_ => OnBegin());
        Command<CampaignControl.PauseDispatch>(_ =>
        {
            _paused = true;
            ReportProgress();
        });
        Command<CampaignControl.ResumeDispatch>(_ =>
        {
            _paused = false;
            Dispatch();
        });
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "campaign {0}: snapshot failed; the journal still has every spill", _plan.CampaignId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "campaign {0}: could not delete old snapshots", _plan.CampaignId));
    }

    public override string PersistenceId => "campaign-" + _plan.CampaignId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CampaignPlan plan, CampaignConditions conditions, IActorRef spillRegion, IActorRef listener, CoordinatorSettings settings) =>
        Akka.Actor.Props.Create(() => new CampaignCoordinator(plan, conditions, spillRegion, listener, settings));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new JournalFailed(cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new JournalFailed(reason));
        base.OnRecoveryFailure(reason, message);
    }

    private void OnRecovered()
    {
        if (_journalSpecHash is not null && _journalSpecHash != _plan.SpecHash)
        {
            _listener.Tell(new CampaignRejected(_plan.CampaignId,
                $"the journal holds campaign '{_plan.CampaignId}' with spec hash {_journalSpecHash}, not {_plan.SpecHash}: use another id or database"));
            Context.Stop(Self);
            return;
        }
        _resumed = _aggregate.FinishedCount;
        if (_resumed > 0) _log.Info("campaign {0}: resumed with {1} of {2} spills already done", _plan.CampaignId, _resumed, _plan.Spills.Count);
        var check = _settings.SpillTimeout / 4 + TimeSpan.FromSeconds(1);
        Timers.StartPeriodicTimer("retry", RetryTick.Instance, check < CoordinatorSettings.OverdueCheck ? check : CoordinatorSettings.OverdueCheck);
        if (_placement is not null)
        {
            Self.Tell(PlacementTick.Instance); // the shard homes now, then every interval
            Timers.StartPeriodicTimer("placement", PlacementTick.Instance, CoordinatorSettings.PlacementInterval);
        }
        // Persisting is a command's business, not recovery's: start from a message to self.
        Self.Tell(Begin.Instance);
    }

    private void OnBegin()
    {
        if (_journalSpecHash is null)
        {
            Persist(new CampaignStarted(_plan.CampaignId, _plan.SpecHash, _plan.Spills.Count), e =>
            {
                _journalSpecHash = e.SpecHash;
                Dispatch();
            });
        }
        else
        {
            Dispatch();
        }
    }

    private void OnSpillDone(SpillProtocol.SpillDone done)
    {
        if (_plan.OrdinalOf(done.SpillId) < 0)
        {
            _log.Warning("campaign {0}: SpillDone for unknown spill {1} ignored", _plan.CampaignId, done.SpillId);
            return;
        }
        if (_aggregate.IsFinished(done.SpillId))
        {
            // A duplicate (a resent spill answered twice, or a redelivery): already counted.
            Landed(done.SpillId);
            Dispatch();
            return;
        }
        // Its first answer is being journaled: counted when the journal confirms it, this one never.
        if (_journaling.Contains(done.SpillId)) return;
        if (_inFlight.TryGetValue(done.SpillId, out var sent) && DateTime.UtcNow - sent.SentAt is var took && took > _slowestAnswer) _slowestAnswer = took;
        var spill = _plan.Find(done.SpillId)!;
        (long Eot, long Events) counts;
        try
        {
            counts = SummaryCodec.Counts(done.Summary);
        }
        catch (InvalidDataException e)
        {
            // Bytes from another node: what cannot be read as a summary is never journaled (recovery would stop on it).
            // Its events are the plan's (a raw file's are not known here: 0).
            Quarantine(new QuarantineEntry(done.SpillId, spill.SampleName, spill.Path ?? spill.SpillId, -1, "its summary cannot be read: " + e.Message, spill.Events));
            return;
        }
        if (_aggregate.WhyNotCountable(counts.Eot, counts.Events) is { } why)
        {
            Quarantine(new QuarantineEntry(done.SpillId, spill.SampleName, spill.Path ?? spill.SpillId, -1, why, counts.Events));
            return;
        }
        var sample = done.Sample ?? spill.Sample;
        var sampleName = done.Sample?.Name ?? spill.SampleName;
        var persisted = System.Diagnostics.Stopwatch.GetTimestamp();
        // Asynchronously: the spills that finish while one is written are written with it (the SQL journal batches the
        // writes queued at once into one transaction) instead of one transaction each, one after the other, with the
        // coordinator's mailbox stashed in between (docs/performance.md "Control plane"). Counting still waits for
        // the confirmation, in journal order, and _journaling keeps a second answer from being written twice.
        _journaling.Add(done.SpillId);
        PersistAsync(new SpillCompleted(done.SpillId, sampleName, done.Summary, Version: 2, Sample: sample), _ =>
        {
            _journaling.Remove(done.SpillId);
            Na64Metrics.SpillJournaled(quarantined: false, System.Diagnostics.Stopwatch.GetElapsedTime(persisted));
            _aggregate.ApplyDone(done.SpillId, sampleName, done.Summary, sample);
            _unreadable.Remove(spill.Ordinal);
            AfterSpill(done.SpillId);
        });
    }

    private void Quarantine(QuarantineEntry q)
    {
        // Its answer is being journaled as done: that outcome stands.
        if (_journaling.Contains(q.SpillId)) return;
        if (_aggregate.IsFinished(q.SpillId))
        {
            Landed(q.SpillId);
            Dispatch();
            return;
        }
        var persisted = System.Diagnostics.Stopwatch.GetTimestamp();
        Persist(new SpillQuarantined(q.SpillId, q.SampleName, q.File, q.Offset, q.Reason, q.Events), _ =>
        {
            Na64Metrics.SpillJournaled(quarantined: true, System.Diagnostics.Stopwatch.GetElapsedTime(persisted));
            _aggregate.ApplyQuarantined(q);
            _log.Warning("campaign {0}: spill {1} quarantined: {2} @ {3}: {4}", _plan.CampaignId, q.SpillId, q.File, q.Offset, q.Reason);
            AfterSpill(q.SpillId);
        });
    }

    /// <summary>The spill's input cannot be read now: nothing is journaled; it is tried again later, a few times.</summary>
    private void OnSpillHeld(SpillProtocol.SpillHeld held)
    {
        var ordinal = _plan.OrdinalOf(held.SpillId);
        if (ordinal < 0 || _aggregate.IsFinished(ordinal) || !_inFlight.ContainsKey(held.SpillId)) return;
        Landed(held.SpillId);
        var attempts = (_unreadable.TryGetValue(ordinal, out var u) ? u.Attempts : 0) + 1;
        _unreadable[ordinal] = (attempts, new HeldSpill(held.SpillId, held.File, held.Reason));
        if (attempts < _settings.ReadAttempts)
        {
            var wait = _settings.ReadRetry * (1 << (attempts - 1));
            _log.Warning("campaign {0}: spill {1} cannot be read ({2}: {3}); attempt {4} of {5} in {6:0.#} s",
                [_plan.CampaignId, held.SpillId, held.File, held.Reason, attempts + 1, _settings.ReadAttempts, wait.TotalSeconds]);
            Timers.StartSingleTimer("read-" + held.SpillId, new ReadRetryDue(ordinal), wait);
        }
        else
        {
            _log.Error("campaign {0}: spill {1} held after {2} attempts: {3}: {4}", _plan.CampaignId, held.SpillId, attempts, held.File, held.Reason);
        }
        Dispatch();
    }

    /// <summary>The spill's shard was handed over before its answer: send it again now, under the same name.</summary>
    private void OnSpillInterrupted(SpillProtocol.SpillInterrupted interrupted)
    {
        if (!_inFlight.TryGetValue(interrupted.SpillId, out var sent)) return;
        _log.Info("campaign {0}: spill {1} interrupted by a shard hand-off, sending it again", _plan.CampaignId, interrupted.SpillId);
        _inFlight[interrupted.SpillId] = (DateTime.UtcNow, sent.EntityId);
        Send(_plan.Find(interrupted.SpillId)!, sent.EntityId);
    }

    private void AfterSpill(string spillId)
    {
        Landed(spillId);
        if (++_sinceSnapshot >= SnapshotInterval(_plan.Spec.SnapshotEvery, _aggregate.FinishedCount) && _aggregate.FinishedCount < _plan.Spills.Count)
        {
            _sinceSnapshot = 0;
            SaveSnapshot(_aggregate.ToCheckpoint());
        }
        Dispatch();
    }

    /// <summary>
    /// Spills between two snapshots: the spec's <c>snapshot_every</c>, or a tenth of the spills finished when that is
    /// more. A snapshot holds every finished spill, so at a fixed interval a campaign of N spills would write O(N²) in
    /// all (a 10¹¹-event campaign has millions of spills); growing with the campaign keeps that O(N), and a recovery
    /// still replays at most a tenth of the finished spills.
    /// </summary>
    public static int SnapshotInterval(int snapshotEvery, int finished) => Math.Max(snapshotEvery, finished / 10);

    private void Dispatch()
    {
        while (!_paused && _inFlight.Count < SpillsInFlightLimit && NextToSend() is { } spill)
        {
            var plain = EntityIdOf(_plan.CampaignId, spill.SpillId);
            var entityId = _placement?.Place(plain) ?? plain;
            _inFlight[spill.SpillId] = (DateTime.UtcNow, entityId);
            Send(spill, entityId);
        }
        ReportProgress();
        if (_endSent || _inFlight.Count > 0) return;
        if (_aggregate.FinishedCount == _plan.Spills.Count)
        {
            _endSent = true;
            StopTimers();
            _listener.Tell(new CampaignFinished(_plan.CampaignId, _plan.SpecHash, _aggregate.Totals(_plan.SampleNames),
                _aggregate.Quarantined.ToArray(), _plan.Spills.Count, _aggregate.DoneCount, _aggregate.QuarantinedEvents,
                _aggregate.Identities(_plan.SampleNames)));
        }
        else if (_next >= _plan.Spills.Count && _retry.Count == 0 && _unreadable.Count > 0 && _unreadable.Values.All(u => u.Attempts >= _settings.ReadAttempts))
        {
            // Nothing left but spills whose input could not be read after every attempt: this run ends here.
            _endSent = true;
            StopTimers();
            _listener.Tell(new CampaignStalled(_plan.CampaignId, _unreadable.OrderBy(u => u.Key).Select(u => u.Value.Last).ToArray()));
        }
    }

    private void ReportProgress()
    {
        var progress = Progress();
        _listener.Tell(progress);
        Na64Metrics.Report(progress, WorkerDemand.Of(progress, _settings.MaxSpillsInFlight, _paused));
    }

    /// <summary>A read retry that fell due, else the next spill of the plan not yet finished; null when none is left to send now.</summary>
    private SpillRef? NextToSend()
    {
        while (_retry.TryDequeue(out var ordinal))
            if (!_aggregate.IsFinished(ordinal)) return _plan.Spills[ordinal];
        while (_next < _plan.Spills.Count)
        {
            var ordinal = _next++;
            if (!_aggregate.IsFinished(ordinal)) return _plan.Spills[ordinal];
        }
        return null;
    }

    private void StopTimers()
    {
        Timers.Cancel("retry");
        Timers.Cancel("placement");
    }

    /// <summary>
    /// <see cref="CoordinatorSettings.MaxSpillsInFlight"/> per worker node that is Up: a campaign keeps every worker fed
    /// as the cluster is scaled up, and asks less of it as it shrinks (merges are exact: the order spills finish in
    /// changes nothing in the tables).
    /// </summary>
    private int SpillsInFlightLimit => _settings.MaxSpillsInFlight * Math.Max(1, _workers?.Count ?? 1);

    /// <summary>More workers, more spills in flight; before the campaign's start is journaled, Begin dispatches.</summary>
    private void DispatchIfStarted()
    {
        if (_journalSpecHash is not null && !_endSent) Dispatch();
    }

    private void Send(SpillRef spill, string entityId) =>
        _spillRegion.Tell(new SpillProtocol.ProcessSpill(entityId, _plan.CampaignId, spill, _plan.Spec.ChunkSize, _conditions.Hash));

    /// <summary>The spill's answer is in (or it was already counted): no longer in flight, nor on its node.</summary>
    private void Landed(string spillId)
    {
        if (_inFlight.Remove(spillId, out var sent)) _placement?.Release(sent.EntityId);
    }

    /// <summary>
    /// A spill actor that died with its node never answers, and sharding may lose a spill in a shard's hand-off: send a
    /// spill unanswered for longer than <see cref="CoordinatorSettings.OverdueAfter"/> again, under the same name (a
    /// spill actor still working on it takes it as one more requester; the aggregate ignores a double answer).
    /// </summary>
    private void ResendOverdue()
    {
        var now = DateTime.UtcNow;
        var overdue = _settings.OverdueAfter(_slowestAnswer);
        foreach (var (id, (sentAt, entityId)) in _inFlight.ToArray())
        {
            if (now - sentAt < overdue) continue;
            _log.Warning("campaign {0}: spill {1} unanswered for {2}, sending it again", _plan.CampaignId, id, now - sentAt);
            _inFlight[id] = (now, entityId);
            Send(_plan.Find(id)!, entityId);
        }
    }

    /// <summary>
    /// A member was removed: the spill actors it hosted are gone (crash) or were handed over without their state
    /// (graceful leave), and would answer only after <see cref="CoordinatorSettings.SpillTimeout"/>. Spill actors that
    /// still live take the resend as one more requester, and the aggregate ignores a double answer.
    /// </summary>
    private void ResendAllInFlight()
    {
        var now = DateTime.UtcNow;
        foreach (var (id, (_, entityId)) in _inFlight.ToArray())
        {
            _inFlight[id] = (now, entityId);
            Send(_plan.Find(id)!, entityId);
        }
    }

    protected override void PreStart()
    {
        base.PreStart();
        MemberRemovals.SubscribeWithMembers(Context);
    }

    protected override void PostStop()
    {
        Na64Metrics.Ended(_plan.CampaignId);
        MemberRemovals.Unsubscribe(Context);
        base.PostStop();
    }

    /// <summary>Where the campaign stands; the last quarantine so far stays in every report, so that a client asking now and then sees each one.</summary>
    private CampaignProgress Progress() => new(
        _plan.CampaignId, _plan.Spills.Count, _aggregate.DoneCount, _aggregate.QuarantinedCount, _inFlight.Count,
        _resumed, _aggregate.EventsProcessed, _aggregate.Eot, _aggregate.Quarantined.Count > 0 ? _aggregate.Quarantined[^1] : null, _unreadable.Count);

    /// <summary>Sharding key of a spill: unique across campaigns that share a cluster.</summary>
    public static string EntityIdOf(string campaignId, string spillId) => campaignId + "." + spillId;

    private sealed class Begin
    {
        public static readonly Begin Instance = new();
    }

    private sealed class ResendInFlight
    {
        public static readonly ResendInFlight Instance = new();
    }

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }

    private sealed class PlacementTick
    {
        public static readonly PlacementTick Instance = new();
    }

    private sealed record ReadRetryDue(int Ordinal);
}
