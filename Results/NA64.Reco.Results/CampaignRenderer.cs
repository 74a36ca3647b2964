using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Results.Html;
using NA64.Reco.Results.Plots;

namespace NA64.Reco.Results;

/// <summary>
/// Every results file of a finished campaign, in memory: the tables of <see cref="CampaignReport"/>, the products of
/// its <see cref="CampaignAnalysis"/> (with the campaign's own cuts and analysis choices), the dimuon cross-check
/// (<see cref="DimuonReport"/>), the plots and the page that
/// shows them all (<see cref="HtmlReport"/>). Pure: the same
/// campaign gives the same bytes.
/// </summary>
public static class CampaignRenderer
{
    public static IReadOnlyList<ResultFile> Render(CampaignResult result, Setup setup, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var analysis = CampaignAnalysis.From(result.Samples, setup, options);
        if (analysis.ZPrime is { } zprime)
        {
            var files = MuonReport.Render(zprime, analysis.ReferenceKind is null ? "no beam muons simulated: no background" : $"{analysis.Observed} observed, beam muons' background",
                $"{result.CampaignId}: NA64μ, setup {setup.Name}, {setup.BeamEnergyGeV:0.#} GeV μ⁻");
            return [new("summary.json", CampaignReport.SummaryJson(result, analysis)), .. files, HtmlReport.Render(result, analysis, files)];
        }
        if (analysis.Visible is { } visible)
        {
            var files = VisibleReport.RenderCampaign(visible,
                FormattableString.Invariant($"{result.CampaignId}: setup {setup.Name}, {setup.BeamEnergyGeV:0.#} GeV e⁻ on the {setup.Dump!.Name}"));
            return [new("summary.json", CampaignReport.SummaryJson(result, analysis)), .. files, HtmlReport.Render(result, analysis, files)];
        }
        var conditions = setup.Conditions;
        var plots = ResultPlots.Render(result, conditions, analysis);
        ResultFile[] dimuons = analysis.Dimuons is { } d ? [DimuonReport.Render(result.CampaignId, d, conditions.Cuts, conditions.Hcal)] : [];
        return [.. CampaignReport.Render(result, analysis), .. dimuons, .. plots, HtmlReport.Render(result, analysis, plots)];
    }
}
