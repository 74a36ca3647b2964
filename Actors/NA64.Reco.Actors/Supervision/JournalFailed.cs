namespace NA64.Reco.Actors.Supervision;

/// <summary>
/// What a persistent child tells its <see cref="JournalSupervisor"/> just before it stops because a journal write or
/// its recovery failed: the cause decides between a restart after back-off and giving up at once. Local only.
/// </summary>
public sealed record JournalFailed(Exception Cause);
