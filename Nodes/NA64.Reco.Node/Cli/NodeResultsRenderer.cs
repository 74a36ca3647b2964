using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Results;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The campaign manager's results on a node: the tables of <see cref="CampaignReport"/> with the analysis products
/// (efficiencies, background, limits) and the PNG plots, rendered in memory with the campaign's own conditions.
/// </summary>
internal sealed class NodeResultsRenderer(CampaignAnalysisOptions analysisOptions) : ICampaignResultsRenderer
{
    public IReadOnlyList<ResultFile> Render(CampaignPlan plan, DetectorConditions conditions, CampaignFinished result)
    {
        var provenance = new CampaignProvenance(conditions.Version, conditions.Id, conditions.Hash, Reports.CodeVersion.Value);
        var analysis = CampaignAnalysis.From(plan, result, AbcdSidebands.FromCuts(conditions.Cuts), analysisOptions);
        return [.. CampaignReport.Render(plan, result, provenance, ProcessingBindings.Checks, analysis), .. ResultPlots.Render(plan, result, conditions, analysis)];
    }
}
