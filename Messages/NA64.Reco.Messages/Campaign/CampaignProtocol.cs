using NA64.Reco.Physics.RawData;
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

    /// <summary>Where the campaign stands; sent to the listener after every spill and on request. <paramref name="LastQuarantined"/>: the latest quarantine so far.</summary>
    /// <param name="HeldSpills">Spills whose input cannot be read now (I/O), waiting for a retry; counted in neither done nor quarantined.</param>
    public sealed record CampaignProgress(
        string CampaignId, int TotalSpills, int DoneSpills, int QuarantinedSpills, int SpillsInFlight,
        int ResumedSpills, long EventsProcessed, long Eot, QuarantineEntry? LastQuarantined, int HeldSpills = 0) : INa64Message
    {
        public int Finished => DoneSpills + QuarantinedSpills;
    }

    /// <summary>
    /// Every spill is done or quarantined: the per-sample totals, merged exactly, and what each sample is
    /// (<paramref name="Identities"/>, one per sample name: kind, m_A', ε, seed as data, never parsed from the name).
    /// </summary>
    public sealed record CampaignFinished(
        string CampaignId, string SpecHash, IReadOnlyDictionary<string, EventSummary> Samples,
        IReadOnlyList<QuarantineEntry> Quarantined, int TotalSpills, int DoneSpills, long QuarantinedEvents,
        IReadOnlyList<SampleIdentity> Identities) : INa64Message;

    /// <summary>What a sample of a campaign is, and whether it was read from raw files (true) or simulated by the campaign.</summary>
    public sealed record SampleIdentity(string Name, SampleDescriptor Sample, bool FromFiles) : INa64Message;

    /// <summary>The journal holds a campaign of the same id but another spec: nothing was run.</summary>
    public sealed record CampaignRejected(string CampaignId, string Reason) : INa64Message;

    /// <summary>
    /// Every spill is done or quarantined except these, whose input could not be read after every retry: the campaign
    /// cannot finish in this run; resumed later (submitted again), it reads them again.
    /// </summary>
    public sealed record CampaignStalled(string CampaignId, IReadOnlyList<HeldSpill> Held) : INa64Message;

    /// <summary>A spill whose input could not be read: where, and the last reason.</summary>
    public sealed record HeldSpill(string SpillId, string File, string Reason) : INa64Message;
}
