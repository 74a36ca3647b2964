namespace NA64.Reco.Actors.Campaign;

/// <summary>The node shut down before the campaign finished; its journal holds every spill done so far.</summary>
public sealed class CampaignInterruptedException(string campaignId)
    : Exception($"campaign '{campaignId}' interrupted: the node shut down; rerun to resume from the journal")
{
    public string CampaignId { get; } = campaignId;
}
