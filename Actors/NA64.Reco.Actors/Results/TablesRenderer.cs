using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Results;

/// <summary>The tables of <see cref="CampaignReport"/> without analysis or plots: the results of a node that registered no renderer of its own.</summary>
public sealed class TablesRenderer : ICampaignResultsRenderer
{
    public static readonly TablesRenderer Instance = new();

    public IReadOnlyList<ResultFile> Render(CampaignPlan plan, DetectorConditions conditions, CampaignFinished result) =>
        CampaignReport.Render(plan, result, new CampaignProvenance(conditions.Version, conditions.Id, conditions.Hash, "unknown"), checks: null);
}
