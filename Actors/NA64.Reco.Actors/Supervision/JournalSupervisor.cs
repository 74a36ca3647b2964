using Akka.Actor;
using Akka.Event;

namespace NA64.Reco.Actors.Supervision;

/// <summary>
/// The parent of a persistent actor whose journal may fail (the campaign manager, each campaign coordinator): the child
/// stops when a write or its recovery fails, and is started again after a back-off, recovering from the journal, until
/// the failures have lasted longer than the patience or the journal is unusable for good (corrupt). Then the
/// supervisor gives up: it tells its parent <see cref="GaveUp"/>, or ends the node's actor system
/// (<see cref="GiveUpBy.ShuttingDown"/>) so that the process exits with the reason instead of serving nothing.
/// Every other message goes to the child, with its sender; while the child is down it is dropped (senders ask again).
/// </summary>
public sealed class JournalSupervisor : UntypedActor, IWithTimers
{
    private readonly Props _childProps;
    private readonly string _childName;
    private readonly JournalPatience _patience;
    private readonly GiveUpBy _giveUp;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _child;
    private DateTime _childStarted;
    private DateTime? _streakStarted;
    private int _attempt;
    private Exception? _lastFailure;

    public JournalSupervisor(Props childProps, string childName, JournalPatience patience, GiveUpBy giveUp)
    {
        _childProps = childProps;
        _childName = childName;
        _patience = patience;
        _giveUp = giveUp;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>What the supervisor does when it gives up.</summary>
    public enum GiveUpBy
    {
        /// <summary>Tell the parent <see cref="GaveUp"/> and stop.</summary>
        TellingParent,

        /// <summary>Log the reason and run CoordinatedShutdown with <see cref="JournalUnusableReason"/>.</summary>
        ShuttingDown,
    }

    /// <summary>To the parent: the child's journal failed beyond patience (or for good); the supervisor has stopped.</summary>
    public sealed record GaveUp(string ChildName, string Reason);

    /// <summary>The reason CoordinatedShutdown runs when the campaign service cannot go on.</summary>
    public sealed class JournalUnusableReason(string message) : CoordinatedShutdown.Reason
    {
        /// <summary>The exit code of a process that ends for this reason (2: bad input, 3: refused, 4: journal unusable).</summary>
        public const int Code = 4;

        public string Message { get; } = message;

        public override int ExitCode => Code;

        public override string ToString() => Message;
    }

    public static Props Props(Props childProps, string childName, JournalPatience patience, GiveUpBy giveUp) =>
        Akka.Actor.Props.Create(() => new JournalSupervisor(childProps, childName, patience, giveUp));

    protected override void PreStart() => StartChild();

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case JournalFailed f when Sender.Equals(_child):
                _lastFailure = f.Cause;
                break;
            case Terminated t when t.ActorRef.Equals(_child):
                OnChildStopped();
                break;
            case RestartChild:
                StartChild();
                break;
            default:
                _child?.Forward(message);
                break;
        }
    }

    private void StartChild()
    {
        _child = Context.Watch(Context.ActorOf(_childProps, _childName));
        _childStarted = DateTime.UtcNow;
    }

    private void OnChildStopped()
    {
        _child = null;
        var failure = _lastFailure;
        _lastFailure = null;
        if (failure is null)
        {
            // Stopped on purpose (e.g. a coordinator refusing a journal of another spec): nothing to restart.
            Context.Stop(Self);
            return;
        }
        var now = DateTime.UtcNow;
        if (now - _childStarted >= _patience.ResetAfter)
        {
            _streakStarted = null;
            _attempt = 0;
        }
        _streakStarted ??= now;
        var cause = JournalFailure.Describe(failure);
        if (JournalFailure.IsPermanent(failure))
        {
            GiveUp($"journal unusable: {cause}");
            return;
        }
        if (now - _streakStarted.Value > _patience.Patience)
        {
            GiveUp($"journal failing for more than {_patience.Patience.TotalSeconds:0} s: {cause}");
            return;
        }
        var wait = _patience.Backoff(_attempt++);
        _log.Warning("{0}: journal failure ({1}); restarting it in {2:0.#} s", _childName, cause, wait.TotalSeconds);
        Timers.StartSingleTimer("restart", RestartChild.Instance, wait);
    }

    private void GiveUp(string reason)
    {
        _log.Error("{0}: {1}; giving up", _childName, reason);
        if (_giveUp == GiveUpBy.ShuttingDown)
            CoordinatedShutdown.Get(Context.System).Run(new JournalUnusableReason($"{_childName}: {reason}"));
        else
            Context.Parent.Tell(new GaveUp(_childName, reason));
        Context.Stop(Self);
    }

    private sealed class RestartChild
    {
        public static readonly RestartChild Instance = new();
    }
}
