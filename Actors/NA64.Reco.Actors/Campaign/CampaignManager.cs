using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using NA64.Reco.Actors.Results;
using NA64.Reco.Messages.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignControl;
using static NA64.Reco.Messages.Campaign.CampaignManagerEvents;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// One per cluster (a singleton on the coordinator role): starts one <see cref="CampaignCoordinator"/> per campaign
/// id, journals what it was given, and writes each campaign's results when it finishes. A manager started on
/// another node after its node died replays its journal and restarts every campaign that was running; each
/// coordinator then replays its own journal and sends only the spills not yet done.
/// </summary>
public sealed class CampaignManager : ReceivePersistentActor
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";
    public const string Done = "done";
    public const string Failed = "failed";

    private readonly IActorRef _spillRegion;
    private readonly CoordinatorSettings _settings;
    private readonly ICampaignResultsWriter? _results;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, Entry> _campaigns = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _byCoordinator = [];
    private int _incarnation;

    public CampaignManager(IActorRef spillRegion, CoordinatorSettings settings, ICampaignResultsWriter? results)
    {
        _spillRegion = spillRegion;
        _settings = settings;
        _results = results;

        Recover<CampaignSubmitted>(e => { ApplySubmitted(e); });
        Recover<CampaignStateChanged>(e => { ApplyState(e); });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitCampaign>(OnSubmit);
        Command<ListCampaigns>(_ => Sender.Tell(new CampaignList(_campaigns.Values.Select(ToListEntry).ToArray())));
        Command<GetCampaign>(g => WithCampaign(g.CampaignId, e => Sender.Tell(ToListEntry(e))));
        Command<PauseCampaign>(p => WithCampaign(p.CampaignId, OnPause));
        Command<ResumeCampaign>(r => WithCampaign(r.CampaignId, OnResume));
        Command<CancelCampaign>(c => WithCampaign(c.CampaignId, OnCancel));
        Command<GetCampaignResults>(g => WithCampaign(g.CampaignId, OnGetResults));
        Command<SubscribeCampaign>(s => WithCampaign(s.CampaignId, OnSubscribe));
        Command<CampaignProgress>(OnProgress);
        Command<CampaignFinished>(OnFinished);
        Command<CampaignRejected>(r => { if (_campaigns.TryGetValue(r.CampaignId, out var e)) Fail(e, r.Reason, r); });
        Command<Terminated>(OnTerminated);
    }

    public override string PersistenceId => "campaign-manager";

    public static Props Props(IActorRef spillRegion, CoordinatorSettings settings, ICampaignResultsWriter? results) =>
        Akka.Actor.Props.Create(() => new CampaignManager(spillRegion, settings, results));

    private void ApplySubmitted(CampaignSubmitted e)
    {
        var spec = CampaignSpec.Parse(Encoding.UTF8.GetBytes(e.SpecJson), e.CampaignId);
        var plan = CampaignPlan.Expand(spec, e.BaseDirectory);
        _campaigns[e.CampaignId] = new Entry(e, plan) { State = Running };
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
            _log.Info("campaign manager: restarting campaign {0} ({1}) from its journal", e.Submitted.CampaignId, e.State);
            Start(e);
        }
    }

    private void OnSubmit(SubmitCampaign submit)
    {
        CampaignPlan plan;
        try
        {
            var spec = CampaignSpec.Parse(Encoding.UTF8.GetBytes(submit.SpecJson), "submitted spec");
            plan = CampaignPlan.Expand(spec, submit.BaseDirectory);
        }
        catch (CampaignSpecException ex)
        {
            Sender.Tell(new CampaignCommandFailed(ex.Message));
            return;
        }
        var id = plan.CampaignId;
        if (_campaigns.TryGetValue(id, out var known))
        {
            if (known.Plan.SpecHash != plan.SpecHash)
            {
                Sender.Tell(new CampaignCommandFailed(
                    $"campaign '{id}' was submitted with spec hash {known.Plan.SpecHash}, not {plan.SpecHash}: use another id or database"));
                return;
            }
            // The same spec again: a batch job restarted, or a submitter on a survivor after a failover.
            Sender.Tell(new CampaignAccepted(id, plan.SpecHash, Resumed: true));
            if (known.State is Cancelled or Failed) SetState(known, Running, null, () => Start(known));
            else if (known.State == Paused) OnResumeQuiet(known);
            else if (known.State == Done && known.Result is null) Start(known); // recompute the results from the journal
            return;
        }
        var output = Path.GetFullPath(submit.OutputDirectory ?? Path.Combine("results", id), submit.BaseDirectory);
        var sender = Sender;
        Persist(new CampaignSubmitted(id, plan.SpecHash, submit.SpecJson, submit.BaseDirectory, output), e =>
        {
            ApplySubmitted(e);
            sender.Tell(new CampaignAccepted(id, plan.SpecHash, Resumed: false));
            Start(_campaigns[id]);
        });
    }

    private void Start(Entry e)
    {
        if (e.Coordinator is not null) return;
        e.Clock.Restart();
        e.EventsAtStart = e.Progress?.EventsProcessed ?? -1;
        var name = "campaign-" + Sanitize(e.Submitted.CampaignId) + "-" + ++_incarnation;
        var coordinator = Context.ActorOf(CampaignCoordinator.Props(e.Plan, _spillRegion, Self, _settings), name);
        Context.Watch(coordinator);
        e.Coordinator = coordinator;
        _byCoordinator[coordinator] = e.Submitted.CampaignId;
        if (e.State == Paused) coordinator.Tell(PauseDispatch.Instance);
    }

    private void OnPause(Entry e)
    {
        if (e.State != Running)
        {
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Submitted.CampaignId}' is {e.State}, not running"));
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
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Submitted.CampaignId}' is {e.State}, not paused"));
            return;
        }
        var sender = Sender;
        SetState(e, Running, null, () =>
        {
            e.Coordinator?.Tell(ResumeDispatch.Instance);
            sender.Tell(ToListEntry(e));
        });
    }

    private void OnResumeQuiet(Entry e) => SetState(e, Running, null, () => e.Coordinator?.Tell(ResumeDispatch.Instance));

    private void OnCancel(Entry e)
    {
        if (e.State is Done or Cancelled)
        {
            Sender.Tell(new CampaignCommandFailed($"campaign '{e.Submitted.CampaignId}' is already {e.State}"));
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
            Sender.Tell(e.Result);
            return;
        }
        Sender.Tell(new CampaignCommandFailed(e.State == Done
            ? $"campaign '{e.Submitted.CampaignId}' is done; its results are in {e.Submitted.OutputDirectory}"
            : $"campaign '{e.Submitted.CampaignId}' is {e.State}: no results yet"));
    }

    private void OnSubscribe(Entry e)
    {
        e.Subscribers.Add(Sender);
        if (e.Progress is not null) Sender.Tell(e.Progress);
        if (e.Result is not null)
        {
            Sender.Tell(e.Result);
            if (e.Files is not null) Sender.Tell(new CampaignResultsWritten(e.Submitted.CampaignId, e.Submitted.OutputDirectory, e.Files));
        }
    }

    private void OnProgress(CampaignProgress p)
    {
        if (!_campaigns.TryGetValue(p.CampaignId, out var e)) return;
        if (e.EventsAtStart < 0) e.EventsAtStart = p.EventsProcessed;
        e.Progress = p;
        foreach (var s in e.Subscribers) s.Tell(p);
    }

    private void OnFinished(CampaignFinished f)
    {
        if (!_campaigns.TryGetValue(f.CampaignId, out var e) || e.Result is not null) return;
        e.Result = f;
        IReadOnlyList<string> files = [];
        try
        {
            // Written before the state is journaled as done: a manager that dies in between recomputes them.
            // A plain array: the writer may return a collection expression's compiler-made list type, which the wire
            // serializer's type filter refuses, and CampaignResultsWritten goes to subscribers on other nodes too.
            if (_results is not null) files = _results.Write(e.Submitted.OutputDirectory, e.Plan, f).ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.Error(ex, "campaign {0}: could not write its results to {1}", f.CampaignId, e.Submitted.OutputDirectory);
            Fail(e, "results not written: " + ex.Message, null);
            return;
        }
        e.Files = files;
        SetState(e, Done, null, () =>
        {
            StopCoordinator(e);
            foreach (var s in e.Subscribers)
            {
                s.Tell(f);
                s.Tell(new CampaignResultsWritten(f.CampaignId, e.Submitted.OutputDirectory, files));
            }
        });
    }

    private void OnTerminated(Terminated t)
    {
        if (!_byCoordinator.Remove(t.ActorRef, out var id) || !_campaigns.TryGetValue(id, out var e)) return;
        e.Coordinator = null;
        if (e.State is Running or Paused)
            Fail(e, "its coordinator stopped before the campaign finished (journal failure? see the log)", null);
    }

    private void Fail(Entry e, string reason, CampaignRejected? rejected)
    {
        if (e.State is Done or Failed) return;
        SetState(e, Failed, reason, () =>
        {
            StopCoordinator(e);
            var message = rejected ?? new CampaignRejected(e.Submitted.CampaignId, reason);
            foreach (var s in e.Subscribers) s.Tell(message);
        });
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
        Persist(new CampaignStateChanged(e.Submitted.CampaignId, state, reason), ev =>
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
        var p = e.Progress ?? new CampaignProgress(e.Submitted.CampaignId, e.Plan.Spills.Count, 0, 0, 0, 0, 0, 0, null);
        var seconds = e.Clock.Elapsed.TotalSeconds;
        var rate = e.State == Running && seconds > 0 && e.EventsAtStart >= 0 ? (p.EventsProcessed - e.EventsAtStart) / seconds : 0;
        return new CampaignListEntry(e.Submitted.CampaignId, e.State, p, rate);
    }

    /// <summary>Actor names allow a restricted alphabet; campaign ids are free text.</summary>
    private static string Sanitize(string id)
    {
        var b = new StringBuilder(id.Length);
        foreach (var c in id) b.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return b.ToString();
    }

    private sealed class Entry(CampaignSubmitted submitted, CampaignPlan plan)
    {
        public CampaignSubmitted Submitted { get; } = submitted;
        public CampaignPlan Plan { get; } = plan;
        public string State { get; set; } = Running;
        public string? Reason { get; set; }
        public IActorRef? Coordinator { get; set; }
        public CampaignProgress? Progress { get; set; }
        public CampaignFinished? Result { get; set; }
        public IReadOnlyList<string>? Files { get; set; }
        public List<IActorRef> Subscribers { get; } = [];
        public Stopwatch Clock { get; } = new();
        public long EventsAtStart { get; set; } = -1;
    }
}
