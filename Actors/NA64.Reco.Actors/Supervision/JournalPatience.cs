namespace NA64.Reco.Actors.Supervision;

/// <summary>
/// How a persistent actor is restarted after its journal failed (<see cref="JournalSupervisor"/>): a back-off from
/// <see cref="MinBackoff"/> doubling to <see cref="MaxBackoff"/>, for at most <see cref="Patience"/> of failures in a row.
/// A child that lived <see cref="ResetAfter"/> without failing ends the streak.
/// </summary>
public sealed record JournalPatience(TimeSpan MinBackoff, TimeSpan MaxBackoff, TimeSpan Patience, TimeSpan ResetAfter)
{
    /// <summary>1 s doubling to 15 s, ten minutes of patience: a database restart or a failover is ridden out.</summary>
    public static JournalPatience Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30));

    /// <summary>The wait before restart number <paramref name="attempt"/> (0-based) of a streak.</summary>
    public TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * (1L << Math.Min(attempt, 30))));
}
