using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>A campaign a test ran ended failed or cancelled, not done.</summary>
public sealed class CampaignEndedException(CampaignListEntry last) : Exception($"campaign {last.CampaignId} {last.State}: {last.Reason}")
{
    public CampaignListEntry Last { get; } = last;
}
