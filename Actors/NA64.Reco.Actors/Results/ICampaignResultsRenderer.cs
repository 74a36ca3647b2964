using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Results;

/// <summary>
/// Renders a finished campaign's results (tables, analysis, plots) into files in memory; the campaign manager stores
/// them in the campaign database. The node registers it in DI, so that the manager, which lives in Actors, renders
/// what the node knows how to draw. Pure: the same campaign gives the same bytes.
/// </summary>
public interface ICampaignResultsRenderer
{
    IReadOnlyList<ResultFile> Render(CampaignPlan plan, DetectorConditions conditions, CampaignFinished result);
}
