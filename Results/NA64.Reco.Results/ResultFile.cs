namespace NA64.Reco.Results;

/// <summary>One file of a campaign's results (summary.json, limits.csv, a plot, ...): its name in the results folder and its bytes.</summary>
public sealed record ResultFile(string Name, byte[] Content);
