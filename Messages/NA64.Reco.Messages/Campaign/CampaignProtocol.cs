using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Campaign;

/// <summary>What the campaign coordinator accepts and tells its listener.</summary>
public static class CampaignProtocol
{
    /// <summary>Asks the coordinator for a <see cref="CampaignProgress"/> now.</summary>
    public sealed record GetCampaignStatus : INa64Message
    {
        public static readonly GetCampaignStatus Instance = new();
    }

    /// <summary>Where the campaign stands; sent to the listener after every spill and on request.</summary>
    public sealed record CampaignProgress(
        string CampaignId, int TotalSpills, int DoneSpills, int QuarantinedSpills, int SpillsInFlight,
        int ResumedSpills, long EventsProcessed, long Eot, QuarantineEntry? LastQuarantined) : INa64Message
    {
        public int Finished => DoneSpills + QuarantinedSpills;
    }

    /// <summary>Every spill is done or quarantined: the per-sample totals, merged exactly.</summary>
    public sealed record CampaignFinished(
        string CampaignId, string SpecHash, IReadOnlyDictionary<string, SpillSummary> Samples,
        IReadOnlyList<QuarantineEntry> Quarantined, int TotalSpills, int DoneSpills, long QuarantinedEvents) : INa64Message;

    /// <summary>The journal holds a campaign of the same id but another spec: nothing was run.</summary>
    public sealed record CampaignRejected(string CampaignId, string Reason) : INa64Message;
}
