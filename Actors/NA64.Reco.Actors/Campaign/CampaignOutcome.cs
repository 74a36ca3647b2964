using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>How a campaign ended: its acceptance, its last state, and (done) its merged results.</summary>
public sealed record CampaignOutcome(CampaignAccepted Accepted, CampaignListEntry Last, CampaignFinished? Result)
{
    public string CampaignId => Accepted.CampaignId;
    public bool IsDone => Last.State == CampaignManager.Done;
}
