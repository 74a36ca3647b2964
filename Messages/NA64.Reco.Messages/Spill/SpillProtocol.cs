using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Messages.Spill;

/// <summary>What a spill actor accepts (from the coordinator) and replies.</summary>
public static class SpillProtocol
{
    /// <summary>Reconstruct one spill, in chunks of <paramref name="ChunkSize"/> events, with the campaign's conditions.</summary>
    /// <param name="EntityId">Sharding key: campaign id and spill id.</param>
    /// <param name="ConditionsHash">The campaign's conditions (<see cref="CampaignConditions.Hash"/>); a node that lacks them asks the sender.</param>
    public sealed record ProcessSpill(string EntityId, string CampaignId, SpillRef Spill, int ChunkSize, string ConditionsHash) : INa64Message;

    /// <summary>The spill's summary: its chunks merged in chunk order, EOT and Spills = 1 set once.</summary>
    /// <param name="Summary">
    /// Its <see cref="Serialization.SummaryCodec"/> bytes, not the summary: the coordinator journals these bytes as they
    /// came and adds them into its totals (<see cref="Serialization.SummaryCodec.AddTo"/>) without making the 250 kB
    /// summary of every spill, nor encoding it again.
    /// </param>
    /// <param name="Sample">The sample a raw file's header names; null: the sample of the plan.</param>
    public sealed record SpillDone(string CampaignId, string SpillId, byte[] Summary, SampleDescriptor? Sample = null) : INa64Message;

    /// <summary>The spill's input is corrupt (a format error): it is quarantined, the campaign goes on.</summary>
    public sealed record SpillFailed(string CampaignId, QuarantineEntry Entry) : INa64Message;

    /// <summary>
    /// The spill's input cannot be read now (missing, unreadable, changed since submission): nothing is counted, and the
    /// coordinator tries it again later; a campaign resumed after its file is back reads it.
    /// </summary>
    public sealed record SpillHeld(string CampaignId, string SpillId, string File, string Reason) : INa64Message;

    /// <summary>
    /// The spill actor was stopped before its answer, its shard handed over to another node (a rebalance after a
    /// scale-up): send the spill again now, rather than after the spill timeout.
    /// </summary>
    public sealed record SpillInterrupted(string CampaignId, string SpillId) : INa64Message;

    /// <summary>A spill actor's request for conditions its node does not have yet: answered with <see cref="CampaignConditions"/>.</summary>
    public sealed record GetConditions(string CampaignId, string Hash) : INa64Message;
}
