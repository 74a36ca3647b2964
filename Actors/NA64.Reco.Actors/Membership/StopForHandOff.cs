namespace NA64.Reco.Actors.Membership;

/// <summary>
/// What the spill shards send their entities when the shard is handed over to another node (a rebalance
/// after a scale-up, or a graceful leave): an entity with work under way tells its requesters that it was interrupted,
/// so the work is sent again at once instead of after its timeout; then it stops. Local only: never crosses the wire.
/// </summary>
public sealed class StopForHandOff
{
    public static readonly StopForHandOff Instance = new();

    private StopForHandOff()
    {
    }
}
