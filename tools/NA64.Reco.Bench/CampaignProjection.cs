using System.Globalization;
using System.Text;

namespace NA64.Reco.Bench;

/// <summary>
/// Cost of an MC campaign from a measured per-core rate: core-hours, and the wall time on a number of cores
/// given a scaling efficiency (rate on n cores = n × per-core rate × efficiency). Pure arithmetic, no measurement.
/// </summary>
public sealed record CampaignProjection(double Events, double RatePerCoreEventsPerS, double ScalingEfficiency, IReadOnlyList<CampaignProjection.Row> Rows)
{
    /// <summary>The campaign size of the projection: 10¹¹ events.</summary>
    public const double DefaultEvents = 1e11;

    public static readonly IReadOnlyList<int> DefaultCores = [100, 500, 1000];

    /// <summary>One line of the projection: cores and the wall time on them.</summary>
    public sealed record Row(int Cores, double WallHours);

    /// <summary>CPU time of the whole campaign at the per-core rate (no scaling loss counted).</summary>
    public double CoreHours => Events / RatePerCoreEventsPerS / 3600;

    public static CampaignProjection Compute(double events, double ratePerCore, double scalingEfficiency, IReadOnlyList<int> cores)
    {
        if (!(ratePerCore > 0)) throw new ArgumentOutOfRangeException(nameof(ratePerCore), "the per-core rate must be positive");
        if (!(scalingEfficiency > 0 && scalingEfficiency <= 1)) throw new ArgumentOutOfRangeException(nameof(scalingEfficiency), "must be in (0, 1]");
        var rows = new Row[cores.Count];
        for (var i = 0; i < rows.Length; i++)
            rows[i] = new Row(cores[i], events / (ratePerCore * cores[i] * scalingEfficiency) / 3600);
        return new CampaignProjection(events, ratePerCore, scalingEfficiency, rows);
    }

    /// <summary>The projection as a Markdown block, with its assumptions (docs/performance.md quotes it).</summary>
    public string ToMarkdown(string rateSource)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"Projection of a {Events:0.##E+0}-event MC campaign (generation + reconstruction + selection + accumulation):\n\n");
        sb.Append(ci, $"- per-core rate: {RatePerCoreEventsPerS:N0} events/s ({rateSource})\n");
        sb.Append(ci, $"- scaling efficiency over nodes: {ScalingEfficiency:0.###}\n");
        sb.Append(ci, $"- core-hours: {CoreHours:N0}\n\n");
        sb.Append("| cores | wall time (h) | wall time (days) |\n| ---: | ---: | ---: |\n");
        foreach (var r in Rows) sb.Append(ci, $"| {r.Cores} | {r.WallHours:N1} | {r.WallHours / 24:N2} |\n");
        sb.Append("\nAssumptions: every core runs the pipeline at the per-core rate measured here (same CPU class); ")
          .Append("the campaign is split into enough spills to keep all cores busy; the journal's and the coordinator's ")
          .Append("cost is included in the per-core rate only as far as the one-node pipeline measured it; ")
          .Append("cross-node scaling follows the efficiency above; no failures, restarts or queueing for cores.\n");
        return sb.ToString();
    }
}
