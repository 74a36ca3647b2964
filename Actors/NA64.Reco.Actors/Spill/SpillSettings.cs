namespace NA64.Reco.Actors.Spill;

/// <summary>Chunks of one spill in flight at once, and when an unanswered chunk is sent again.</summary>
public sealed record SpillSettings(int MaxChunksInFlight, TimeSpan ChunkTimeout)
{
    public static SpillSettings Default => new(Math.Max(1, Environment.ProcessorCount), TimeSpan.FromMinutes(5));
}
