namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// What the campaign manager persists: the campaigns it was given and their state changes, so that a manager
/// restarted elsewhere (the singleton moved) restarts every campaign that was running. Versioned like
/// <see cref="CampaignEvents"/>: a change of shape is a new version, never an edit.
/// </summary>
public static class CampaignManagerEvents
{
    /// <summary>A campaign was submitted: everything needed to expand its plan again.</summary>
    public sealed record CampaignSubmitted(string CampaignId, string SpecHash, string SpecJson, string BaseDirectory, string OutputDirectory, int Version = 1)
        : INa64Message;

    /// <summary>The campaign moved to <paramref name="State"/> (running, paused, cancelled, done or failed).</summary>
    public sealed record CampaignStateChanged(string CampaignId, string State, string? Reason = null, int Version = 1) : INa64Message;
}
