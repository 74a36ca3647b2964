using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Results;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The campaign manager's results hook on a node: the tables of <see cref="CampaignReport"/> with the analysis
/// products (efficiencies, background, limits) and the PNG plots.
/// </summary>
internal sealed class NodeResultsWriter(DetectorConditions conditions, CampaignAnalysisOptions analysisOptions) : ICampaignResultsWriter
{
    public IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result)
    {
        var provenance = new CampaignProvenance(conditions.Version, Reports.CodeVersion.Value);
        var analysis = CampaignAnalysis.From(plan, result, AbcdSidebands.FromCuts(conditions.Cuts), analysisOptions);
        return [.. CampaignReport.Write(outDir, plan, result, provenance, ProcessingBindings.Checks, analysis),
            .. ResultPlots.Write(outDir, plan, result, conditions, analysis)];
    }
}
