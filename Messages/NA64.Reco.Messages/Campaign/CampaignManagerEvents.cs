namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// What the campaign manager persists: the campaigns it was given and their state changes, so that a manager
/// restarted elsewhere (the singleton moved) restarts every campaign that was running. Versioned like
/// <see cref="CampaignEvents"/>: a change of shape is a new version, never an edit.
/// </summary>
public static class CampaignManagerEvents
{
    /// <summary>
    /// A campaign was submitted (journals written before <see cref="CampaignAdmitted"/> existed): its plan is expanded
    /// again from the spec and the disk at recovery.
    /// </summary>
    public sealed record CampaignSubmitted(string CampaignId, string SpecHash, string SpecJson, string BaseDirectory, string OutputDirectory, int Version = 1)
        : INa64Message;

    /// <summary>
    /// A campaign was admitted: its spec, the conditions it resolved to and the raw files it found, so that recovery on
    /// any node rebuilds the same plan without reading a folder or a conditions file again.
    /// </summary>
    /// <param name="InputDigest">SHA-256 (hex) over the spec hash, the conditions hash and every input file's entry.</param>
    public sealed record CampaignAdmitted(
        string CampaignId, string SpecHash, string SpecJson, CampaignConditions Conditions, InputFile[] Inputs, string InputDigest, int Version = 1)
        : INa64Message;

    /// <summary>The campaign moved to <paramref name="State"/> (running, paused, cancelled, done or failed).</summary>
    public sealed record CampaignStateChanged(string CampaignId, string State, string? Reason = null, int Version = 1) : INa64Message;
}
