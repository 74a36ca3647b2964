using Akka.Actor;
using Akka.Cluster;

namespace NA64.Reco.CommandHost;

/// <summary>
/// Keeps the last membership and reachability events of this node's cluster view for <c>cluster tail</c>
/// (a bounded ring: the oldest event goes when a new one comes).
/// </summary>
public sealed class MembershipRecorder : ReceiveActor
{
    public const int Capacity = 500;
    private readonly Queue<MembershipEventLine> _events = new();
    private readonly HashSet<IActorRef> _followers = [];

    /// <summary>Asks for the last <paramref name="Count"/> events, oldest first: replied with an array of lines.</summary>
    public sealed record GetRecent(int Count);

    /// <summary>Sends <paramref name="Subscriber"/> the last <paramref name="Count"/> events, then each new one, until it stops.</summary>
    public sealed record Follow(IActorRef Subscriber, int Count);

    public MembershipRecorder()
    {
        Receive<Follow>(f =>
        {
            foreach (var e in _events.Skip(Math.Max(0, _events.Count - f.Count))) f.Subscriber.Tell(e);
            _followers.Add(f.Subscriber);
            Context.Watch(f.Subscriber);
        });
        Receive<Terminated>(t => _followers.Remove(t.ActorRef));
        Receive<ClusterEvent.IMemberEvent>(e => Record(e.GetType().Name, e.Member.Address.ToString(), e.Member.Status.ToString()));
        Receive<ClusterEvent.UnreachableMember>(e => Record("Unreachable", e.Member.Address.ToString(), e.Member.Status.ToString()));
        Receive<ClusterEvent.ReachableMember>(e => Record("Reachable", e.Member.Address.ToString(), e.Member.Status.ToString()));
        Receive<ClusterEvent.LeaderChanged>(e => Record("LeaderChanged", e.Leader?.ToString() ?? "-", "-"));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<GetRecent>(g => Sender.Tell(_events.Skip(Math.Max(0, _events.Count - g.Count)).ToArray()));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MembershipRecorder());

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Record(string kind, string address, string status)
    {
        if (_events.Count == Capacity) _events.Dequeue();
        var line = new MembershipEventLine(DateTime.UtcNow, kind, address, status);
        _events.Enqueue(line);
        foreach (var f in _followers) f.Tell(line);
    }
}
