namespace NA64.Reco.Messages.Campaign;

/// <summary>What the campaign manager tells a running coordinator.</summary>
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
}
