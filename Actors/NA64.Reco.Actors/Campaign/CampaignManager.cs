using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Results;
using static NA64.Reco.Messages.Campaign.CampaignControl;
using static NA64.Reco.Messages.Campaign.CampaignManagerEvents;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// One per cluster (a singleton on the coordinator role, under a <see cref="JournalSupervisor"/>): admits campaigns,
/// starts one <see cref="CampaignCoordinator"/> per campaign (each under its own supervisor), journals what it was
/// given, and when a campaign finishes renders its results and stores them in the campaign database. Everything that
/// reads a disk or a database (listing raw inputs, rendering, storing) runs off its mailbox and comes back as a
/// message. A manager started again (on another node after its node died, or after its journal failed) replays its
/// journal and restarts every campaign that was running; each coordinator replays its own and sends only the spills
/// not yet done.
/// </summary>
public sealed class CampaignManager : ReceivePersistentActor, IWithTimers
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
    public const string Done = "done";
    public const string Failed = "failed";

    private readonly IActorRef _spillRegion;
    private readonly CoordinatorSettings _settings;
    private readonly CampaignServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Entry> _campaigns = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _byCoordinator = [];
    /// <summary>Campaign ids being admitted (their inputs listed off the mailbox), with the submissions of the same id that came meanwhile.</summary>
    private readonly Dictionary<string, List<(SubmitCampaign Submit, IActorRef Sender)>> _admitting = new(StringComparer.Ordinal);
    private int _incarnation;

    public CampaignManager(IActorRef spillRegion, CoordinatorSettings settings, CampaignServices services)
    {
        _spillRegion = spillRegion;
        _settings = settings;
        _services = services;

        Recover<CampaignAdmitted>(e => { ApplyAdmitted(e); });
        Recover<CampaignSubmitted>(e => { ApplyLegacySubmitted(e); });
        Recover<CampaignStateChanged>(e => { ApplyState(e); });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitCampaign>(OnSubmit);
        Command<Admission>(OnAdmission);
        Command<ListCampaigns>(_ => Sender.Tell(new CampaignList(_campaigns.Values.Select(ToListEntry).ToArray())));
        Command<GetCampaign>(g => WithCampaign(g.CampaignId, e => Sender.Tell(ToListEntry(e))));
        Command<PauseCampaign>(p => WithCampaign(p.CampaignId, OnPause));
        Command<ResumeCampaign>(r => WithCampaign(r.CampaignId, OnResume));
        Command<CancelCampaign>(c => WithCampaign(c.CampaignId, OnCancel));
        Command<GetCampaignResults>(g => WithCampaign(g.CampaignId, OnGetResults));
        Command<GetServiceHealth>(_ => Sender.Tell(new ServiceHealth(_campaigns.Count, _campaigns.Values.Count(e => e.State == Running))));
        Command<CampaignProgress>(OnProgress);
        Command<CampaignFinished>(OnFinished);
        Command<ResultsStored>(OnResultsStored);
        Command<ResultsNotStored>(OnResultsNotStored);
        Command<RetryResults>(r => { if (_campaigns.TryGetValue(r.CampaignId, out var e) && e.Result is not null) StoreResults(e); });
        Command<CampaignRejected>(r => { if (_campaigns.TryGetValue(r.CampaignId, out var e)) Fail(e, r.Reason); });
        Command<CampaignStalled>(OnStalled);
        Command<JournalSupervisor.GaveUp>(g => { if (Sender is { } s && _byCoordinator.TryGetValue(s, out var id)) Fail(_campaigns[id], g.Reason); });
        Command<Terminated>(OnTerminated);
    }

    public override string PersistenceId => "campaign-manager";

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef spillRegion, CoordinatorSettings settings, CampaignServices services) =>
        Akka.Actor.Props.Create(() => new CampaignManager(spillRegion, settings, services));

    /// <summary>The manager under its journal supervisor, as the cluster singleton runs it: a manager that cannot reach its journal beyond patience ends the node.</summary>
    public static Props Supervised(IActorRef spillRegion, CoordinatorSettings settings, CampaignServices services) =>
        JournalSupervisor.Props(Props(spillRegion, settings, services), "manager", services.Patience, JournalSupervisor.GiveUpBy.ShuttingDown);

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

    private void ApplyAdmitted(CampaignAdmitted e)
    {
        var spec = CampaignSpec.Parse(Encoding.UTF8.GetBytes(e.SpecJson), $"journaled spec of campaign '{e.CampaignId}'");
        var conditions = Setup.Parse(Encoding.UTF8.GetBytes(e.Conditions.Json), $"journaled conditions of campaign '{e.CampaignId}'");
        _campaigns[e.CampaignId] = new Entry(CampaignPlan.FromInputs(spec, e.Inputs), e.Conditions, conditions) { State = Running };
    }

    /// <summary>
    /// A campaign submitted by a build that journaled the spec alone: its plan and conditions come from the disk again,
    /// without the data roots (it was admitted before they existed, and recovery must not fail on it).
    /// </summary>
    private void ApplyLegacySubmitted(CampaignSubmitted e)
    {
        var spec = CampaignSpec.Parse(Encoding.UTF8.GetBytes(e.SpecJson), $"journaled spec of campaign '{e.CampaignId}'");
        var plan = CampaignPlan.Expand(spec, e.BaseDirectory, _services.Catalog);
        var conditions = Setup.Of(spec.ConditionsPath is null ? _services.DefaultConditions : DetectorConditions.Load(Path.GetFullPath(spec.ConditionsPath, e.BaseDirectory)));
        _campaigns[e.CampaignId] = new Entry(plan, CampaignServices.Describe(conditions), conditions) { State = Running };
    }

    private void ApplyState(CampaignStateChanged e)
    {
        if (!_campaigns.TryGetValue(e.CampaignId, out var entry)) return;
        entry.State = e.State;
        entry.Reason = e.Reason;
    }

    private void OnRecovered()
    {
        foreach (var e in _campaigns.Values)
        {
            if (e.State is not (Running or Paused)) continue;
            _log.Info("campaign manager: restarting campaign {0} ({1}) from its journal", e.Plan.CampaignId, e.State);
            Start(e);
        }
    }

    private void OnSubmit(SubmitCampaign submit)
    {
        CampaignSpec spec;
        try
        {
            spec = CampaignSpec.Parse(Encoding.UTF8.GetBytes(submit.SpecJson), "submitted spec");
        }
        catch (CampaignSpecException ex)
        {
            Sender.Tell(new CampaignCommandFailed(ex.Message));
            return;
        }
        if (_admitting.TryGetValue(spec.Id, out var waiting))
        {
            // A second submission of a campaign being admitted: answered once the first is.
            waiting.Add((submit, Sender));
            return;
        }
        var sender = Sender;
        _admitting[spec.Id] = [];
        // Resolving conditions and listing raw inputs reads files: off the mailbox.
        var services = _services;
        var known = _campaigns.GetValueOrDefault(spec.Id)?.Plan.InputDigest;
        Task.Run(() => Admission.Prepare(spec, submit, services, known, sender)).PipeTo(Self);
    }

    private void OnAdmission(Admission a)
    {
        if (_admitting.Remove(a.Spec.Id, out var waiting))
            foreach (var (submit, sender) in waiting) Self.Tell(submit, sender);
        if (a.Error is not null)
        {
            a.Sender.Tell(new CampaignCommandFailed(a.Error));
            return;
        }
        var id = a.Spec.Id;
        if (_campaigns.TryGetValue(id, out var known))
        {
            if (known.Plan.SpecHash != a.Spec.Hash)
            {
                a.Sender.Tell(new CampaignCommandFailed(
                    $"campaign '{id}' was submitted with spec hash {known.Plan.SpecHash}, not {a.Spec.Hash}: use another id or database"));
                return;
            }
            if (known.Conditions.Hash != a.Conditions!.Hash)
            {
                a.Sender.Tell(new CampaignCommandFailed(
                    $"campaign '{id}' was admitted with conditions {known.Conditions.Id}, not {a.Conditions.Id}: use another id or database"));
                return;
            }
            // The same spec again: a batch job restarted, a submitter on a survivor after a failover, or a resume
            // after a failure (its held spills are read again). The admitted inputs stay: the journal fixed them.
            a.Sender.Tell(new CampaignAccepted(id, known.Plan.SpecHash, Resumed: true, a.Note));
            if (known.State is Cancelled or Failed) SetState(known, Running, null, () => Start(known));
            else if (known.State == Paused) SetState(known, Running, null, () => known.Coordinator?.Tell(ResumeDispatch.Instance));
            else if (known.State == Done && known.Result is null) Start(known); // recompute the results from the journal
            return;
        }
        var plan = a.Plan!;
        Persist(new CampaignAdmitted(id, plan.SpecHash, a.SpecJson, a.Conditions!, plan.Inputs.ToArray(), plan.InputDigest), e =>
        {
            _campaigns[id] = new Entry(plan, e.Conditions, a.Setup!) { State = Running };
            a.Sender.Tell(new CampaignAccepted(id, plan.SpecHash, Resumed: false));
            Start(_campaigns[id]);
        });
    }

    private void Start(Entry e)
    {
        if (e.Coordinator is not null) return;
        e.Clock.Restart();
        e.EventsAtStart = e.Progress?.EventsProcessed ?? -1;
        e.Result = null;
        var name = "campaign-" + Sanitize(e.Plan.CampaignId) + "-" + ++_incarnation;
        // Supervision where the coordinator is made: a journal outage restarts it (it recovers and resends what is not
        // journaled); past the patience its supervisor tells us, and the campaign fails.
        var props = JournalSupervisor.Props(CampaignCoordinator.Props(e.Plan, e.Conditions, _spillRegion, Self, _settings), "coordinator",
            _services.Patience, JournalSupervisor.GiveUpBy.TellingParent);
        var coordinator = Context.ActorOf(props, name);
        Context.Watch(coordinator);
        e.Coordinator = coordinator;
        _byCoordinator[coordinator] = e.Plan.CampaignId;
        if (e.State == Paused) coordinator.Tell(PauseDispatch.Instance);
    }

    private void OnPause(Entry e)
    {
        if (e.State != Running)
        {
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Plan.CampaignId}' is {e.State}, not running"));
            return;
        }
        var sender = Sender;
        SetState(e, Paused, null, () =>
        {
            e.Coordinator?.Tell(PauseDispatch.Instance);
            sender.Tell(ToListEntry(e));
        });
    }

    private void OnResume(Entry e)
    {
        if (e.State != Paused)
        {
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Plan.CampaignId}' is {e.State}, not paused"));
            return;
        }
        var sender = Sender;
        SetState(e, Running, null, () =>
        {
            e.Coordinator?.Tell(ResumeDispatch.Instance);
            sender.Tell(ToListEntry(e));
        });
    }

    private void OnCancel(Entry e)
    {
        if (e.State is Done or Cancelled)
        {
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Plan.CampaignId}' is already {e.State}"));
            return;
        }
        var sender = Sender;
        SetState(e, Cancelled, null, () =>
        {
            StopCoordinator(e);
            sender.Tell(ToListEntry(e));
        });
    }

    private void OnGetResults(Entry e)
    {
        if (e.Result is not null)
        {
            Sender.Tell(new FinishedCampaign(e.Result, e.Conditions, e.Plan.Spec.ToJson()));
            return;
        }
        Sender.Tell(new CampaignCommandFailed($"campaign '{e.Plan.CampaignId}' is {e.State}: no results yet"));
    }

    private void OnProgress(CampaignProgress p)
    {
        if (!_campaigns.TryGetValue(p.CampaignId, out var e)) return;
        if (e.EventsAtStart < 0) e.EventsAtStart = p.EventsProcessed;
        e.Progress = p;
    }

    private void OnFinished(CampaignFinished f)
    {
        if (!_campaigns.TryGetValue(f.CampaignId, out var e) || e.Result is not null || e.State is not (Running or Paused or Done)) return;
        e.Result = f;
        StoreResults(e);
    }

    /// <summary>Renders and stores the results off the mailbox; done is journaled only once they are stored.</summary>
    private void StoreResults(Entry e)
    {
        var (plan, setup, result, store) = (e.Plan, e.Setup, e.Result!, _services.Store);
        Task.Run<object>(() =>
        {
            IReadOnlyList<ResultFile> files;
            try
            {
                files = CampaignRenderer.Render(CampaignResults.From(plan, setup, result), setup, plan.Spec.Analysis);
            }
            catch (Exception ex)
            {
                return new ResultsNotStored(plan.CampaignId, $"results could not be rendered: {ex.GetType().Name}: {ex.Message}", Retry: false);
            }
            try
            {
                store.Save(plan.CampaignId, plan.SpecHash, files);
            }
            catch (Exception ex)
            {
                return new ResultsNotStored(plan.CampaignId, $"results could not be stored in {store.Database.Display}: {JournalFailure.Describe(ex)}", Retry: true);
            }
            return new ResultsStored(plan.CampaignId, files.Select(f => f.Name).ToArray());
        }).PipeTo(Self);
    }

    private void OnResultsStored(ResultsStored r)
    {
        if (!_campaigns.TryGetValue(r.CampaignId, out var e) || e.Result is null) return;
        e.Files = r.Files;
        e.StoreAttempts = 0;
        if (e.State == Done) return;
        SetState(e, Done, null, () => StopCoordinator(e));
    }

    private void OnResultsNotStored(ResultsNotStored r)
    {
        if (!_campaigns.TryGetValue(r.CampaignId, out var e) || e.Result is null) return;
        var wait = _services.Patience.Backoff(e.StoreAttempts++);
        if (!r.Retry || TimeSpan.FromTicks(_services.Patience.MinBackoff.Ticks * e.StoreAttempts) > _services.Patience.Patience)
        {
            _log.Error("campaign {0}: {1}", r.CampaignId, r.Reason);
            Fail(e, r.Reason);
            return;
        }
        _log.Warning("campaign {0}: {1}; trying again in {2:0.#} s", r.CampaignId, r.Reason, wait.TotalSeconds);
        Timers.StartSingleTimer("results-" + r.CampaignId, new RetryResults(r.CampaignId), wait);
    }

    private void OnStalled(CampaignStalled s)
    {
        if (!_campaigns.TryGetValue(s.CampaignId, out var e)) return;
        var first = s.Held[0];
        Fail(e, $"{s.Held.Count} spill(s) could not be read (first: {first.SpillId}, {first.File}: {first.Reason}); submit the campaign again to retry them");
    }

    private void OnTerminated(Terminated t)
    {
        if (!_byCoordinator.Remove(t.ActorRef, out var id) || !_campaigns.TryGetValue(id, out var e)) return;
        e.Coordinator = null;
        if (e.State is Running or Paused && e.Result is null)
            Fail(e, "its coordinator stopped before the campaign finished (see the log)");
    }

    private void Fail(Entry e, string reason)
    {
        if (e.State is Done or Failed or Cancelled) return;
        SetState(e, Failed, reason, () => StopCoordinator(e));
    }

    private void StopCoordinator(Entry e)
    {
        if (e.Coordinator is null) return;
        Context.Unwatch(e.Coordinator);
        _byCoordinator.Remove(e.Coordinator);
        Context.Stop(e.Coordinator);
        e.Coordinator = null;
    }

    private void SetState(Entry e, string state, string? reason, Action then) =>
        Persist(new CampaignStateChanged(e.Plan.CampaignId, state, reason), ev =>
        {
            ApplyState(ev);
            then();
        });

    private void WithCampaign(string id, Action<Entry> action)
    {
        if (_campaigns.TryGetValue(id, out var e)) action(e);
        else Sender.Tell(new CampaignCommandFailed($"no campaign '{id}'"));
    }

    private static CampaignListEntry ToListEntry(Entry e)
    {
        var p = e.Progress ?? new CampaignProgress(e.Plan.CampaignId, e.Plan.Spills.Count, 0, 0, 0, 0, 0, 0, null);
        var seconds = e.Clock.Elapsed.TotalSeconds;
        var rate = e.State == Running && seconds > 0 && e.EventsAtStart >= 0 ? (p.EventsProcessed - e.EventsAtStart) / seconds : 0;
        return new CampaignListEntry(e.Plan.CampaignId, e.State, p, rate, e.Reason, e.Conditions.Id, ProgressKnown: e.Progress is not null);
    }

    /// <summary>Actor names allow a restricted alphabet; campaign ids are free text.</summary>
    private static string Sanitize(string id)
    {
        var b = new StringBuilder(id.Length);
        foreach (var c in id) b.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return b.ToString();
    }

    private sealed class Entry(CampaignPlan plan, CampaignConditions conditions, Setup setup)
    {
        public CampaignPlan Plan { get; } = plan;
        public CampaignConditions Conditions { get; } = conditions;
        public Setup Setup { get; } = setup;
        public string State { get; set; } = Running;
        public string? Reason { get; set; }
        public IActorRef? Coordinator { get; set; }
        public CampaignProgress? Progress { get; set; }
        public CampaignFinished? Result { get; set; }
        public IReadOnlyList<string>? Files { get; set; }
        public int StoreAttempts { get; set; }
        public Stopwatch Clock { get; } = new();
        public long EventsAtStart { get; set; } = -1;
    }

    /// <summary>A submission prepared off the mailbox: the plan with its inputs listed and the conditions resolved, or why not.</summary>
    private sealed record Admission(CampaignSpec Spec, string SpecJson, IActorRef Sender)
    {
        public CampaignPlan? Plan { get; init; }
        public CampaignConditions? Conditions { get; init; }
        public Setup? Setup { get; init; }
        public string? Note { get; init; }
        public string? Error { get; init; }

        public static Admission Prepare(CampaignSpec spec, SubmitCampaign submit, CampaignServices services, string? knownInputDigest, IActorRef sender)
        {
            var a = new Admission(spec, submit.SpecJson, sender);
            try
            {
                var setup = submit.ConditionsJson is null
                    ? Setup.Of(services.DefaultConditions)
                    : Setup.Parse(Encoding.UTF8.GetBytes(submit.ConditionsJson), spec.ConditionsPath ?? "submitted conditions");
                spec.CheckProgramme(setup, $"campaign '{spec.Id}'");
                a = a with { Conditions = CampaignServices.Describe(setup), Setup = setup };
                if (knownInputDigest is null)
                {
                    var plan = CampaignPlan.Expand(spec, submit.BaseDirectory, services.Catalog, services.DataRoots);
                    services.Limits.Check(plan);
                    return a with { Plan = plan };
                }
                // A campaign already admitted resumes with its journaled inputs; a listing now only tells whether they still match.
                try
                {
                    var now = CampaignPlan.Expand(spec, submit.BaseDirectory, services.Catalog, services.DataRoots);
                    return now.InputDigest == knownInputDigest ? a : a with
                    {
                        Note = $"the raw inputs now differ from those admitted ({now.Inputs.Count} files found); the campaign keeps its admitted list: use a new id to process the new one",
                    };
                }
                catch (Exception ex) when (ex is CampaignSpecException or IOException or UnauthorizedAccessException)
                {
                    return a with { Note = $"the raw inputs cannot be listed now ({ex.Message}); the campaign keeps its admitted list" };
                }
            }
            catch (Exception ex) when (ex is CampaignSpecException or ConditionsException)
            {
                return a with { Error = ex.Message };
            }
            catch (Exception ex)
            {
                // Whatever else expansion throws (a folder that vanishes mid-listing, /proc): refused, never a crash of the manager.
                return a with { Error = $"campaign '{spec.Id}' cannot be admitted: {ex.GetType().Name}: {ex.Message}" };
            }
        }
    }

    private sealed record ResultsStored(string CampaignId, string[] Files);

    private sealed record ResultsNotStored(string CampaignId, string Reason, bool Retry);

    private sealed record RetryResults(string CampaignId);
}
