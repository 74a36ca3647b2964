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

    /// <summary>
    /// The least time an unanswered spill waits before it is sent again. Sharding delivers at most once: a spill can be
    /// lost in a shard's hand-off without any member going, and would otherwise wait <see cref="SpillTimeout"/>.
    /// </summary>
    public TimeSpan SpillOverdue { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An unanswered spill is overdue after this many times the slowest answer of the run so far, when that is longer than <see cref="SpillOverdue"/>.</summary>
    public const int OverdueFactor = 4;

    /// <summary>How often the coordinator looks for overdue spills: a spill is sent again at most this long after it fell due.</summary>
    public static readonly TimeSpan OverdueCheck = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When a spill sent <paramref name="slowestAnswer"/> (the slowest answer so far; zero before any) is overdue:
    /// <see cref="OverdueFactor"/> times it, at least <see cref="SpillOverdue"/>, at most <see cref="SpillTimeout"/>.
    /// </summary>
    public TimeSpan OverdueAfter(TimeSpan slowestAnswer) =>
        slowestAnswer <= TimeSpan.Zero ? SpillTimeout : Min(SpillTimeout, Max(SpillOverdue, slowestAnswer * OverdueFactor));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
