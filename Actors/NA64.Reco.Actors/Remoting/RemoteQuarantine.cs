namespace NA64.Reco.Actors.Remoting;

/// <summary>
/// A quarantine: this node quarantined an incarnation of <paramref name="Address"/> (<paramref name="Uid"/> known), or
/// <paramref name="Address"/> quarantined this node (<paramref name="ByPeer"/>, no uid). Either way the two systems
/// never talk again until the quarantined one restarts.
/// </summary>
public sealed record RemoteQuarantine(DateTime TimeUtc, string Address, long? Uid, bool ByPeer);
