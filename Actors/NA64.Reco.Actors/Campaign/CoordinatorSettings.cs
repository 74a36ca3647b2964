namespace NA64.Reco.Actors.Campaign;

/// <summary>How hard the coordinator pushes: spills in flight at once, and when an unanswered spill is sent again.</summary>
public sealed record CoordinatorSettings(int MaxSpillsInFlight, TimeSpan SpillTimeout)
{
    public static CoordinatorSettings Default => new(2, TimeSpan.FromMinutes(10));
}
