namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// How hard the coordinator pushes: spills in flight at once (per worker node that is Up), when an unanswered spill is
/// sent again, the spill region's shard count for placing each spill on the least loaded node
/// (<see cref="SpillPlacement"/>; 0: spills keep their plain names and go where their hash sends them), and how often a
/// spill whose input cannot be read is tried (<see cref="ReadAttempts"/> times, the waits doubling from
/// <see cref="ReadRetry"/>).
/// </summary>
public sealed record CoordinatorSettings(int MaxSpillsInFlight, TimeSpan SpillTimeout, int PlacementShards = 0)
{
    public static CoordinatorSettings Default => new(2, TimeSpan.FromMinutes(10));

    /// <summary>How often the coordinator asks the spill region where its shards are, when placing spills.</summary>
    public static readonly TimeSpan PlacementInterval = TimeSpan.FromSeconds(2);

    /// <summary>Reads of an unreadable spill in one run, the first included.</summary>
    public int ReadAttempts { get; init; } = 5;

    /// <summary>The wait before the second read of an unreadable spill; each later wait doubles (1 + 2 + 4 + 8 s by default).</summary>
    public TimeSpan ReadRetry { get; init; } = TimeSpan.FromSeconds(1);
}
