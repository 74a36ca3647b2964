namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// How hard the coordinator pushes: spills in flight at once (per worker node that is Up), when an unanswered spill is
/// sent again, and the spill region's shard count for placing each spill on the least loaded node
/// (<see cref="SpillPlacement"/>; 0: spills keep their plain names and go where their hash sends them).
/// </summary>
public sealed record CoordinatorSettings(int MaxSpillsInFlight, TimeSpan SpillTimeout, int PlacementShards = 0)
{
    public static CoordinatorSettings Default => new(2, TimeSpan.FromMinutes(10));

    /// <summary>How often the coordinator asks the spill region where its shards are, when placing spills.</summary>
    public static readonly TimeSpan PlacementInterval = TimeSpan.FromSeconds(2);
}
