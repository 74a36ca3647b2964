using Akka.Actor;
using Akka.Cluster;

namespace NA64.Reco.Actors.Membership;

/// <summary>
/// Tells an actor when a cluster member is removed (downed after a crash, or gone after a graceful leave), so that work
/// it sent to shards on that member is sent again at once instead of after the spill or chunk timeout. Outside a cluster
/// (an ActorSystem of a unit test) it does nothing.
/// </summary>
internal static class MemberRemovals
{
    /// <summary>
    /// How long after the removal to resend: the regions of this node must have seen the removal too, so that the
    /// resent message asks the shard coordinator for the shard's new home instead of going to the dead one.
    /// </summary>
    public static readonly TimeSpan SettleDelay = TimeSpan.FromSeconds(2);

    public static void Subscribe(IActorContext context)
    {
        if (IsCluster(context.System))
            Cluster.Get(context.System).Subscribe(context.Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
    }

    /// <summary>
    /// Members coming up and being removed, after a <see cref="ClusterEvent.CurrentClusterState"/> with the members of
    /// now: what a campaign coordinator needs to count the worker nodes it feeds.
    /// </summary>
    public static void SubscribeWithMembers(IActorContext context)
    {
        if (IsCluster(context.System))
            Cluster.Get(context.System).Subscribe(context.Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
                typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));
    }

    public static void Unsubscribe(IActorContext context)
    {
        if (IsCluster(context.System)) Cluster.Get(context.System).Unsubscribe(context.Self);
    }

    private static bool IsCluster(ActorSystem system) => system is ExtendedActorSystem { Provider: ClusterActorRefProvider };
}
