using NA64.Reco.Actors.Campaign;
using NA64.Reco.Node.Plots;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// PNG plots of a finished campaign: E_ECAL vs E_HCAL with the signal box, the momentum spectrum and the
/// SRD energy spectrum, of the beam sample (or, without one, of the first sample).
/// </summary>
internal static class ResultPlots
{
    public static IReadOnlyList<string> Write(string outDir, CampaignPlan plan, CampaignFinished result, DetectorConditions conditions)
    {
        if (result.Samples.Count == 0) return [];
        var (name, s) = result.Samples.TryGetValue("beam", out var beam) ? ("beam", beam) : First(result.Samples);
        var files = new List<string>
        {
            Path.Combine(outDir, "ecal-vs-hcal.png"),
            Path.Combine(outDir, "momentum.png"),
            Path.Combine(outDir, "srd-energy.png"),
        };
        SummaryPlots.EcalVsHcal(s.EcalVsHcal, conditions.Cuts, $"{plan.CampaignId}: {name}, E_ECAL vs E_HCAL (cuts up to VETO)", files[0]);
        SummaryPlots.Spectrum(s.Momentum, $"{plan.CampaignId}: {name}, momentum", files[1]);
        SummaryPlots.Spectrum(s.SrdEnergy, $"{plan.CampaignId}: {name}, SRD energy", files[2], logY: true);
        return files;
    }

    private static (string, SpillSummary) First(IReadOnlyDictionary<string, SpillSummary> samples)
    {
        foreach (var kv in samples) return (kv.Key, kv.Value);
        throw new InvalidOperationException("no samples");
    }
}
