namespace NA64.Reco.Cli.Reports;

/// <summary>An input of <c>na64 reco</c> that could not be read now (an I/O condition, not corrupt data), and why.</summary>
public sealed record Unreadable(string File, string Reason);
