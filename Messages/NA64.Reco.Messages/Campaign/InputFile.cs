namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// A raw spill file of a campaign as it was found at submission: journaled with the campaign, so that a resumed or
/// moved campaign reads the same list (never the folder again), and a file that changed or vanished since is noticed.
/// </summary>
/// <param name="SpillId">The spill's id in the campaign: a folder's file by its path below the folder, a file by its name.</param>
/// <param name="Path">Full path on the nodes (raw data is on a volume every worker mounts at the same place).</param>
/// <param name="Size">File size in bytes at submission.</param>
/// <param name="HeaderDigest">SHA-256 (hex) of the file's header block at submission.</param>
public sealed record InputFile(string SpillId, string Path, long Size, string HeaderDigest) : INa64Message;
