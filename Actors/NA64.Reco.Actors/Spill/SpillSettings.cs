namespace NA64.Reco.Actors.Spill;

/// <summary>
/// Chunks of one spill in flight at once, and when an unanswered chunk is sent again. With <paramref name="ChunkShards"/>
/// (the chunk region's shard count) the spill actor names its chunks so that they land on shards its own node hosts.
/// </summary>
public sealed record SpillSettings(int MaxChunksInFlight, TimeSpan ChunkTimeout, int? ChunkShards = null)
{
    public static SpillSettings Default => new(Math.Max(1, Environment.ProcessorCount), TimeSpan.FromMinutes(5));
}
