using NA64.Reco.Actors.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// PNG plots of a finished campaign. INTEGRATION: draw E_ECAL vs E_HCAL (beam, signal box), the momentum
/// spectrum and the SRD energy spectrum here (ScottPlot); return the files written.
/// </summary>
internal static class ResultPlots
{
    public static IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result) => [];
}
