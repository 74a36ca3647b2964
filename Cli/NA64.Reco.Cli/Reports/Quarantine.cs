namespace NA64.Reco.Cli.Reports;

/// <summary>An input set aside because it could not be read: which file, where, and why.</summary>
public sealed record Quarantine(string File, long Offset, string Reason);
