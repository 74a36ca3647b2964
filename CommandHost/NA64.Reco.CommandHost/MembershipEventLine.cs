namespace NA64.Reco.CommandHost;

/// <summary>One recorded cluster event: when, what (MemberUp, Unreachable, LeaderChanged, …), whose address, its status then.</summary>
public sealed record MembershipEventLine(DateTime TimeUtc, string Kind, string Address, string Status);
