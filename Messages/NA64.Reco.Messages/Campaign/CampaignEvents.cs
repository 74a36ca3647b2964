using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// Events and snapshots the coordinator persists. They are plain records of strings, numbers and byte
/// arrays (summaries go through <see cref="Serialization.SummaryCodec"/>) so that any serializer reads them;
/// each carries a <c>Version</c>, and a change of shape is a new version, never an edit.
/// </summary>
public static class CampaignEvents
{
    /// <summary>The campaign's first event: ties the journal to one spec.</summary>
    public sealed record CampaignStarted(string CampaignId, string SpecHash, int TotalSpills, int Version = 1) : INa64Message;

    /// <summary>
    /// A spill's merged summary was applied to its sample. Version 2 carries what the sample is (<paramref name="Sample"/>);
    /// version 1 did not, and its sample is found by name in the plan.
    /// </summary>
    public sealed record SpillCompleted(string SpillId, string SampleName, byte[] Summary, int Version = 1, SampleDescriptor? Sample = null) : INa64Message;

    /// <summary>A spill was set aside because its input is corrupt.</summary>
    public sealed record SpillQuarantined(string SpillId, string SampleName, string File, long Offset, string Reason, long Events, int Version = 1)
        : INa64Message;

    /// <summary>
    /// The whole campaign state every N spills, so recovery replays only the tail of the journal (snapshots written
    /// before <see cref="CampaignCheckpoint"/>; still read).
    /// </summary>
    public sealed record CampaignSnapshot(
        string CampaignId, string SpecHash, string[] DoneSpills, SpillQuarantined[] Quarantined, SampleTotal[] Samples, int Version = 1)
        : INa64Message;

    /// <summary>
    /// The whole campaign state every N spills: the done spills as a bit set over the plan's ordinals (bit i of byte
    /// i / 8, least significant first), so that a campaign of millions of spills snapshots in a few hundred kB.
    /// </summary>
    public sealed record CampaignCheckpoint(
        string CampaignId, string SpecHash, int TotalSpills, byte[] DoneSpills, SpillQuarantined[] Quarantined, SampleTotal[] Samples, int Version = 1)
        : INa64Message;

    /// <summary>Merged summary of one sample in a <see cref="CampaignCheckpoint"/> (with what the sample is) or a <see cref="CampaignSnapshot"/> (without).</summary>
    public sealed record SampleTotal(string SampleName, byte[] Summary, SampleDescriptor? Sample = null) : INa64Message;
}
