using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Results;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>The campaign manager's results hook on a node: the tables of <see cref="CampaignReport"/> and the PNG plots.</summary>
internal sealed class NodeResultsWriter(DetectorConditions conditions) : ICampaignResultsWriter
{
    public IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result)
    {
        var provenance = new CampaignProvenance(conditions.Version, Reports.CodeVersion.Value);
        return [.. CampaignReport.Write(outDir, plan, result, provenance, ProcessingBindings.Checks), .. ResultPlots.Write(outDir, plan, result, conditions)];
    }
}
