using System.Text;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Results.Plots;

namespace NA64.Reco.Results;

/// <summary>
/// The visible programme's results files (docs/setups.md, "The visible programme's reach"), from its
/// <see cref="VisibleReach"/>: the excluded ε band per mass and exposure (all its setups together), each setup's cut-flow
/// per mass at the ε of the largest signal, and the (m, ε) plot of the bands.
/// </summary>
public static class VisibleReport
{
    public const string BandsName = "visible-reach.csv", CutFlowName = "visible-cutflow.csv", EfficiencyName = "visible-efficiency.csv",
        BackgroundName = "visible-background.csv", PlotName = "visible-reach.png";

    /// <summary>The same tables and plot as a campaign's results files name them.</summary>
    public const string CampaignBandsName = "limits.csv", CampaignCutFlowName = "cutflow.csv", CampaignEfficiencyName = "efficiency.csv",
        CampaignBackgroundName = "background.csv", CampaignPlotName = "visible-limits.png";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The tables and the plot, under <c>na64 visible-reach</c>'s names; <paramref name="title"/> heads the plot.</summary>
    public static IReadOnlyList<ResultFile> Render(VisibleReach reach, string title)
    {
        ArgumentNullException.ThrowIfNull(reach);
        List<ResultFile> files =
        [
            new(BandsName, Utf8.GetBytes(Bands(reach).Csv())),
            new(CutFlowName, Utf8.GetBytes(CutFlow(reach).Csv())),
            new(EfficiencyName, Utf8.GetBytes(Efficiency(reach).Csv())),
            new(BackgroundName, Utf8.GetBytes(Background(reach).Csv())),
        ];
        if (VisiblePlots.Bands(reach, title) is { } png) files.Add(new(PlotName, png));
        return files;
    }

    /// <summary>The same files under a campaign's names (limits.csv, cutflow.csv, efficiency.csv, visible-limits.png).</summary>
    public static IReadOnlyList<ResultFile> RenderCampaign(VisibleReach reach, string title)
    {
        var names = new Dictionary<string, string>
        {
            [BandsName] = CampaignBandsName, [CutFlowName] = CampaignCutFlowName, [EfficiencyName] = CampaignEfficiencyName,
            [BackgroundName] = CampaignBackgroundName, [PlotName] = CampaignPlotName,
        };
        return [.. Render(reach, title).Select(f => new ResultFile(names[f.Name], f.Content))];
    }

    /// <summary>
    /// One row per setup and mass: the signal events simulated through its selection, their emission weights' sum, and
    /// the selection's weighted efficiency with its 1σ uncertainty (the same at every ε).
    /// </summary>
    public static ResultTable Efficiency(VisibleReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        foreach (var part in reach.Parts)
            for (var i = 0; i < reach.MassesMeV.Count; i++)
            {
                var flow = part.Flows[i];
                rows.Add([part.Setup.Name, reach.MassesMeV[i], flow.Events, flow.WeightAfter[0], flow.Efficiency, flow.Uncertainty]);
            }
        return new ResultTable(["setup", "mass_mev", "events", "sum_weights", "efficiency", "uncertainty"], rows);
    }

    /// <summary>
    /// One row per setup, background source (<see cref="VisibleKaonShortBackground.Decay"/>) and step of its sample: the
    /// simulated events, the background per EOT before the cuts and after each, its 1σ statistical error, and the events expected
    /// at the setup's exposure and per 10¹¹ EOT; then one <c>total</c> row per exposure of the reach with the setups'
    /// expected background there (a source that no simulated event passes shows its bound of zero counts in <c>upper</c>
    /// on its last row, not added to the total), or only its upper bound when no source is estimated.
    /// </summary>
    public static ResultTable Background(VisibleReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        foreach (var part in reach.Parts)
        {
            var steps = VisibleSelection.Of(part.Setup).CutNames;
            var eot = part.Setup.Exposure!.OnTarget;
            for (var source = 0; source < part.Backgrounds.Count; source++)
                for (var k = 0; k <= steps.Count; k++)
                {
                    var (perEot, error) = part.BackgroundPerEot(source, k);
                    // The last step of a source that no simulated event passes: its bound of zero counts.
                    double? upper = k == steps.Count && perEot == 0 ? VisibleReach.ZeroCountBound(part, source) : null;
                    rows.Add([part.Setup.Name, VisibleKaonShortBackground.SourceOf((VisibleKaonShortBackground.Decay)source), k == 0 ? "decayed-in-region" : steps[k - 1],
                        part.Backgrounds[source].Events, eot, perEot, error, eot * perEot, eot * error, 1e11 * perEot, upper]);
                }
        }
        foreach (var exposure in reach.Bands)
        {
            var b = exposure.Background;
            rows.Add(b.IsUpperBound
                ? ["total", "all", "selected", null, exposure.Eot, null, null, null, null, null, b.Upper]
                : ["total", "all", "selected", null, exposure.Eot, b.Expected / exposure.Eot, b.Uncertainty / exposure.Eot, b.Expected, b.Uncertainty, 1e11 * b.Expected / exposure.Eot, null]);
        }
        return new ResultTable(["setup", "source", "step", "events", "eot", "per_eot", "per_eot_uncertainty", "expected", "expected_uncertainty", "per_1e11_eot", "upper"], rows);
    }

    /// <summary>
    /// One row per exposure and mass: the setups' total EOT, their expected background and the count the limit takes
    /// there, N_up, the band's edges (empty when nothing is excluded), the
    /// ε of the largest signal and that signal, and there the efficiency of the selection for X that decay in the region.
    /// </summary>
    public static ResultTable Bands(VisibleReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        foreach (var exposure in reach.Bands)
            for (var i = 0; i < reach.MassesMeV.Count; i++)
            {
                var b = exposure.PerMass[i];
                rows.Add([reach.MassesMeV[i], exposure.Eot, exposure.Background.IsUpperBound ? null : exposure.Background.Expected, exposure.Observed, exposure.NUp, b.Low, b.High, b.PeakEpsilon, b.PeakEvents, reach.Efficiency(i, b.PeakEpsilon)]);
            }
        return new ResultTable(["mass_mev", "eot", "background", "observed", "n_up", "epsilon_low", "epsilon_high", "peak_epsilon", "peak_events", "efficiency_at_peak"], rows);
    }

    /// <summary>
    /// One row per setup, mass and step at the ε of that mass's largest signal (all setups together, at their exposure):
    /// X per EOT of that setup produced, decaying in the region, left after each cut, and each as a fraction of those
    /// decaying in the region.
    /// </summary>
    public static ResultTable CutFlow(VisibleReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        foreach (var part in reach.Parts)
        {
            var steps = VisibleReach.StepNames(part);
            for (var i = 0; i < reach.MassesMeV.Count; i++)
            {
                var epsilon = reach.Bands[0].PerMass[i].PeakEpsilon;
                var flow = VisibleReach.CutFlow(part, i, epsilon);
                for (var k = 0; k < flow.Count; k++)
                    rows.Add([part.Setup.Name, reach.MassesMeV[i], epsilon, steps[k], flow[k], flow[1] > 0 ? flow[k] / flow[1] : double.NaN]);
            }
        }
        return new ResultTable(["setup", "mass_mev", "epsilon", "step", "per_eot", "fraction_of_decays"], rows);
    }
}
