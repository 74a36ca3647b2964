using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Results;
using NA64.Reco.Node.Plots;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// PNG plots of a finished campaign, of the beam sample (or, without one, of the first sample):
/// E_ECAL vs E_HCAL of all events and after the cuts up to VETO, both with the signal box drawn, the
/// momentum spectrum, the SRD energy spectrum and the cut-flow; with an analysis, the signal efficiency vs m_A'
/// and the exclusion (PNG and SVG). An empty histogram gets no plot.
/// </summary>
internal static class ResultPlots
{
    public static IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result, DetectorConditions conditions, CampaignAnalysis? analysis = null)
    {
        var files = new List<string>();
        if (result.Samples.Count == 0) return files;
        var (name, s) = result.Samples.TryGetValue("beam", out var beam) ? ("beam", beam) : First(result.Samples);
        var title = $"{plan.CampaignId}: {name}";
        if (Total(s.EcalVsHcalAll.Counts) > 0)
            SummaryPlots.EcalVsHcal(s.EcalVsHcalAll, conditions.Cuts, $"{title}, E_ECAL vs E_HCAL, all events", Add(files, outDir, "ecal-vs-hcal.png"));
        if (Total(s.EcalVsHcal.Counts) > 0)
            SummaryPlots.EcalVsHcal(s.EcalVsHcal, conditions.Cuts, $"{title}, E_ECAL vs E_HCAL after cuts up to VETO", Add(files, outDir, "ecal-vs-hcal-cuts.png"));
        if (s.Momentum.Total > 0) SummaryPlots.Spectrum(s.Momentum, $"{title}, momentum", Add(files, outDir, "momentum.png"));
        if (s.SrdEnergy.Total > 0) SummaryPlots.Spectrum(s.SrdEnergy, $"{title}, SRD energy", Add(files, outDir, "srd-energy.png"), logY: true);
        if (s.CutFlow[0] > 0) SummaryPlots.CutFlow(s, $"{title}, cut-flow ({s.CutFlow[0]:N0} events)", Add(files, outDir, "cutflow.png"));
        if (analysis is null) return files;
        var efficiency = Path.Combine(outDir, "efficiency.png");
        if (AnalysisPlots.Efficiency(analysis, $"{plan.CampaignId}: A' signal efficiency", efficiency)) files.Add(efficiency);
        var png = Path.Combine(outDir, "exclusion.png");
        var svg = Path.Combine(outDir, "exclusion.svg");
        if (AnalysisPlots.Exclusion(analysis, $"{plan.CampaignId}: 90% CL exclusion of the A' → invisible", png, svg))
        {
            files.Add(png);
            files.Add(svg);
        }
        return files;
    }

    private static string Add(List<string> files, string outDir, string name)
    {
        var path = Path.Combine(outDir, name);
        files.Add(path);
        return path;
    }

    private static long Total(long[] counts)
    {
        long t = 0;
        foreach (var c in counts) t += c;
        return t;
    }

    private static (string, SpillSummary) First(IReadOnlyDictionary<string, SpillSummary> samples)
    {
        foreach (var kv in samples) return (kv.Key, kv.Value);
        throw new InvalidOperationException("no samples");
    }
}
