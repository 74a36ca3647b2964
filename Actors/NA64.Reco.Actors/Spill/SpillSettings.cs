namespace NA64.Reco.Actors.Spill;

/// <summary>
/// Chunks of one spill in flight at once: reconstruction actors the spill actor keeps working on its node. How long it
/// waits for its campaign's conditions when its node does not have them yet.
/// </summary>
public sealed record SpillSettings(int MaxChunksInFlight)
{
    public static SpillSettings Default => new(Math.Max(1, Environment.ProcessorCount));

    public TimeSpan ConditionsTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
