using System.Text;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Results.Plots;

/// <summary>
/// PNG plots of a finished campaign, of the data it read (else of its beam sample, else of its first sample):
/// E_ECAL vs E_HCAL of all events and after the cuts up to VETO, both with the signal box drawn, the
/// momentum spectrum, the SRD energy spectrum and the cut-flow; with an analysis, the signal efficiency vs m_A',
/// the ε exclusion (PNG and SVG), the light-dark-matter y exclusion vs m_χ, where each background source lands around
/// the signal box, and the dimuon cross-check's spectrum. An empty histogram gets no plot.
/// </summary>
internal static class ResultPlots
{
    public static IReadOnlyList<ResultFile> Render(CampaignResult result, DetectorConditions conditions, CampaignAnalysis? analysis = null)
    {
        var files = new List<ResultFile>();
        if (result.Samples.Count == 0) return files;
        var shown = result.Samples.FirstOrDefault(x => x.FromFiles)
            ?? result.Samples.FirstOrDefault(x => x.Sample.Kind == NA64.Reco.Physics.RawData.SampleKind.Beam) ?? result.Samples[0];
        var s = shown.Summary;
        var title = $"{result.CampaignId}: {shown.Name}";
        if (Total(s.EcalVsHcalAll.Counts) > 0)
            files.Add(new("ecal-vs-hcal.png", SummaryPlots.EcalVsHcal(s.EcalVsHcalAll, conditions.Cuts, $"{title}, E_ECAL vs E_HCAL, all events")));
        if (Total(s.EcalVsHcal.Counts) > 0)
            files.Add(new("ecal-vs-hcal-cuts.png", SummaryPlots.EcalVsHcal(s.EcalVsHcal, conditions.Cuts, $"{title}, E_ECAL vs E_HCAL after cuts up to VETO")));
        if (s.Momentum.Total > 0) files.Add(new("momentum.png", SummaryPlots.Spectrum(s.Momentum, $"{title}, momentum")));
        if (s.SrdEnergy.Total > 0) files.Add(new("srd-energy.png", SummaryPlots.Spectrum(s.SrdEnergy, $"{title}, SRD energy", logY: true)));
        if (s.CutFlow[0] > 0) files.Add(new("cutflow.png", SummaryPlots.CutFlow(s, $"{title}, cut-flow ({s.CutFlow[0]:N0} events)")));
        if (analysis is null) return files;
        if (AnalysisPlots.Efficiency(analysis, $"{result.CampaignId}: A' signal efficiency") is { } efficiency) files.Add(new("efficiency.png", efficiency));
        if (AnalysisPlots.Exclusion(analysis, $"{result.CampaignId}: 90% CL exclusion of the A' → invisible") is var (png, svg))
        {
            files.Add(new("exclusion.png", png));
            files.Add(new("exclusion.svg", new UTF8Encoding(false).GetBytes(svg)));
        }
        if (AnalysisPlots.DarkMatterY(analysis, $"{result.CampaignId}: 90% CL limits on y, light dark matter (m_A' = 3 m_χ)") is { } y)
            files.Add(new("exclusion-y.png", y));
        if (BackgroundPlots.Sources(analysis, $"{result.CampaignId}: background sources past VETO, weighted, per 1e11 EOT") is { } sources)
            files.Add(new("background-sources.png", sources));
        if (analysis.Dimuons is { } d && DimuonPlots.Spectrum(d, $"{result.CampaignId}: dimuon candidates (γZ → μ+μ−Z) vs QED expectation") is { } dimuon)
            files.Add(new("dimuon.png", dimuon));
        return files;
    }

    private static long Total(long[] counts)
    {
        long t = 0;
        foreach (var c in counts) t += c;
        return t;
    }
}
