namespace NA64.Reco.Actors.Campaign;

/// <summary>The journal holds a campaign of that id with another spec.</summary>
public sealed class CampaignRejectedException(string campaignId, string reason) : Exception(reason)
{
    public string CampaignId { get; } = campaignId;
}
