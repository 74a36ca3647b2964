using System.Text;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Results.Plots;

namespace NA64.Reco.Results;

/// <summary>
/// The muon programme's results files (docs/campaign-spec.md, "Muon-programme results"), from its
/// <see cref="ZPrimeReach"/>: cutflow.csv, efficiency.csv, background.csv, limits.csv and zprime-limits.png. A campaign
/// writes them from its samples, <c>na64 zprime-reach</c> from its direct simulation: the same tables either way.
/// </summary>
public static class MuonReport
{
    public const string PlotName = "zprime-limits.png";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>The tables and the plot; <paramref name="note"/> qualifies the limit's legend, <paramref name="title"/> heads the plot.</summary>
    public static IReadOnlyList<ResultFile> Render(ZPrimeReach reach, string note, string title)
    {
        ArgumentNullException.ThrowIfNull(reach);
        List<ResultFile> files =
        [
            new("cutflow.csv", Utf8.GetBytes(CutFlowCsv(reach))),
            new("efficiency.csv", Utf8.GetBytes(EfficiencyCsv(reach))),
            new("background.csv", Utf8.GetBytes(BackgroundCsv(reach))),
            new("limits.csv", Utf8.GetBytes(LimitsCsv(reach))),
        ];
        if (ZPrimePlots.Coupling(reach.Observed, reach.Projections, reach.Setup.Anomaly!, note, title) is { } png) files.Add(new(PlotName, png));
        return files;
    }

    /// <summary>
    /// One row per sample and cut: the Z' events of each mass, then the beam muons that emit nothing (mass empty); the
    /// events left after each cut and their fraction of the sample.
    /// </summary>
    public static ResultTable CutFlow(ZPrimeReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        for (var i = 0; i < reach.Signals.Count; i++) Rows(rows, "zprime", reach.Signals[i].MassMeV, reach.CutFlows[i]);
        if (reach.BeamCutFlow is { } beam) Rows(rows, "muon", null, beam);
        return new ResultTable(["sample", "mass_mev", "cut", "passed", "fraction"], rows);

        static void Rows(List<object?[]> rows, string sample, double? mass, MuonCutFlow flow)
        {
            rows.Add([sample, mass, "simulated", flow.Events, 1.0]);
            for (var k = 0; k < flow.Cuts.Count; k++) rows.Add([sample, mass, flow.Cuts[k], flow.PassedAfter[k], (double)flow.PassedAfter[k] / flow.Events]);
        }
    }

    /// <summary>One row per mass: the Z' events, those passing every cut, the efficiency and its error, and the yield.</summary>
    public static ResultTable Efficiency(ZPrimeReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        for (var i = 0; i < reach.Signals.Count; i++)
        {
            var (s, f) = (reach.Signals[i], reach.CutFlows[i]);
            rows.Add([s.MassMeV, f.Events, f.PassedAfter[^1], s.Efficiency, s.EfficiencyUncertainty, s.YieldPerEot]);
        }
        return new ResultTable(["mass_mev", "events", "passed", "efficiency", "efficiency_error", "yield_per_mot_per_g2"], rows);
    }

    /// <summary>
    /// The beam muons' background in the signal region (<see cref="ZPrimeReach.BeamBackground"/>) at the limit's MOT and
    /// at each projection's: an estimate (expected ± uncertainty) or, from zero counts, an upper bound; the last column
    /// is the largest background either leaves possible (<see cref="ZPrimeReach.BackgroundBound"/>). No row without
    /// beam muons. The other sources (π/K → μν, trident, halo) are not simulated (docs/physics.md §8b).
    /// </summary>
    public static ResultTable Background(ZPrimeReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var rows = new List<object?[]>();
        if (reach.BeamCutFlow is { Events: > 0 } beam)
            foreach (var mot in new[] { reach.Mot }.Concat(reach.Projections.Select(p => p.Inputs.Eot)))
            {
                var b = ZPrimeReach.BeamBackground(beam, mot);
                rows.Add(["beam-muons", mot, beam.Events, beam.PassedAfter[^1], b.IsUpperBound ? "upper-bound" : "estimate", b.Expected, b.Uncertainty, reach.BackgroundBound(mot)]);
            }
        return new ResultTable(["source", "mot", "muons_simulated", "in_signal_region", "kind", "expected", "uncertainty", "upper_bound"], rows);
    }

    /// <summary>
    /// One row per mass: efficiency, yield, the limit's MOT, observed count and background (expected, and the upper bound
    /// when it is one), g_90 there and at each projection (background-free), and the (g − 2)_μ band's edges (±2σ of Δa_μ).
    /// </summary>
    public static ResultTable Limits(ZPrimeReach reach)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var anomaly = reach.Setup.Anomaly!;
        var inputs = reach.Observed.Inputs;
        List<string> columns = ["mass_mev", "efficiency", "efficiency_error", "yield_per_mot_per_g2", "mot", "observed", "background", "background_upper", "g90"];
        columns.AddRange(reach.Projections.Select(p => FormattableString.Invariant($"g90_at_{p.Inputs.Eot:0.###E+0}_mot")));
        columns.AddRange(["band_low", "band_high"]);
        var rows = new List<object?[]>();
        for (var i = 0; i < reach.Signals.Count; i++)
        {
            var s = reach.Signals[i];
            var (low, high) = anomaly.FavouredCouplings(s.MassMeV);
            rows.Add([s.MassMeV, s.Efficiency, s.EfficiencyUncertainty, s.YieldPerEot, inputs.Eot, inputs.Observed, inputs.Background.Expected, inputs.Background.Upper,
                reach.Observed.Points[i].Epsilon90, .. reach.Projections.Select(p => (object?)p.Points[i].Epsilon90), low, high]);
        }
        return new ResultTable(columns, rows);
    }

    public static string CutFlowCsv(ZPrimeReach reach) => CutFlow(reach).Csv();

    public static string EfficiencyCsv(ZPrimeReach reach) => Efficiency(reach).Csv();

    public static string BackgroundCsv(ZPrimeReach reach) => Background(reach).Csv();

    public static string LimitsCsv(ZPrimeReach reach) => Limits(reach).Csv();
}
