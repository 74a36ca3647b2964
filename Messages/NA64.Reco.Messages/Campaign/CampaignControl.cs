namespace NA64.Reco.Messages.Campaign;

/// <summary>What the campaign manager tells a running coordinator, and what it tells a subscriber of a campaign.</summary>
public static class CampaignControl
{
    /// <summary>Stop handing out spills; the ones in flight complete and are journaled.</summary>
    public sealed record PauseDispatch : INa64Message
    {
        public static readonly PauseDispatch Instance = new();
    }

    /// <summary>Hand out spills again after <see cref="PauseDispatch"/>.</summary>
    public sealed record ResumeDispatch : INa64Message
    {
        public static readonly ResumeDispatch Instance = new();
    }

    /// <summary>
    /// Asks the manager to send the sender the campaign's progress, then its <see cref="CampaignProtocol.CampaignFinished"/>
    /// (after its results are written, followed by <see cref="CampaignResultsWritten"/>) or <see cref="CampaignProtocol.CampaignRejected"/>.
    /// </summary>
    public sealed record SubscribeCampaign(string CampaignId) : INa64Message;

    /// <summary>The results of a finished campaign are on disk (on the manager's node) in these files.</summary>
    public sealed record CampaignResultsWritten(string CampaignId, string OutputDirectory, IReadOnlyList<string> Files) : INa64Message;
}
