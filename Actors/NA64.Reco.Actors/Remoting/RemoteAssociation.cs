namespace NA64.Reco.Actors.Remoting;

/// <summary>
/// The last association event this node's remoting published for one remote address: <c>associated</c>,
/// <c>disassociated</c> or <c>failed</c> (an association error, with its reason), which side opened it, and when.
/// </summary>
public sealed record RemoteAssociation(string Address, string State, bool Inbound, DateTime SinceUtc, string? Reason);
