using Akka.Actor;
using Akka.Cluster.Sharding;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// Asks this node's chunk region every <see cref="Interval"/> which shards it hosts and keeps
/// <see cref="LocalChunkShards"/> up to date: one question per node, not one per spill (the region asks each of its
/// shards to answer it).
/// </summary>
public sealed class LocalChunkShardsWatcher : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public LocalChunkShardsWatcher(IActorRef chunkRegion, LocalChunkShards shards)
    {
        Receive<Tick>(_ => chunkRegion.Tell(GetShardRegionState.Instance));
        Receive<CurrentShardRegionState>(shards.Update);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef chunkRegion, LocalChunkShards shards) =>
        Akka.Actor.Props.Create(() => new LocalChunkShardsWatcher(chunkRegion, shards));

    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer("tick", Tick.Instance, Interval);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
