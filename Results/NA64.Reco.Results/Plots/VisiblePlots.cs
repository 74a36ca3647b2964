using NA64.Reco.Physics.Analysis;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>The visible programme's (m, ε) plane (physics.md §8a): the excluded band of each exposure.</summary>
public static class VisiblePlots
{
    private const int Width = 900;
    private const int Height = 650;

    /// <summary>
    /// ε vs m on log–log axes: for each exposure the excluded region between the band's lower and upper edges, the
    /// setup's exposure filled, each projection outlined dashed (a segment where a single mass excludes), the X17's mass
    /// marked. Null when no mass excludes anything.
    /// </summary>
    public static byte[]? Bands(VisibleReach reach, string title)
    {
        ArgumentNullException.ThrowIfNull(reach);
        var plot = new Plot();
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        var palette = new[] { Colors.Black, Colors.RoyalBlue, Colors.DarkOrange, Colors.SeaGreen };
        var any = false;
        for (var e = reach.Bands.Count - 1; e >= 0; e--)
        {
            var exposure = reach.Bands[e];
            var lower = new List<Coordinates>();
            var upper = new List<Coordinates>();
            for (var i = 0; i < reach.MassesMeV.Count; i++)
            {
                var b = exposure.PerMass[i];
                if (!b.Excludes) continue;
                var x = Math.Log10(reach.MassesMeV[i]);
                lower.Add(new Coordinates(x, Math.Log10(b.Low)));
                upper.Add(new Coordinates(x, Math.Log10(b.High)));
                xMin = Math.Min(xMin, x);
                xMax = Math.Max(xMax, x);
                yMin = Math.Min(yMin, Math.Log10(b.Low));
                yMax = Math.Max(yMax, Math.Log10(b.High));
            }
            if (lower.Count == 0) continue;
            any = true;
            var colour = palette[e % palette.Length];
            if (lower.Count == 1)
            {
                // One mass excludes: its band is a segment in ε at that mass.
                var segment = plot.Add.Line(lower[0], upper[0]);
                segment.LineColor = e == 0 ? Colors.Crimson : colour;
                segment.LineWidth = 4;
                segment.LinePattern = e == 0 ? LinePattern.Solid : LinePattern.Dashed;
                segment.LegendText = e == 0
                    ? $"excluded at 90% CL, {AnalysisPlots.Eot(exposure.Eot)} EOT, no event, no background"
                    : $"projected, {AnalysisPlots.Eot(exposure.Eot)} EOT, no background";
                continue;
            }
            var outline = lower.Concat(Enumerable.Reverse(upper)).ToArray();
            var polygon = plot.Add.Polygon(outline);
            polygon.FillColor = e == 0 ? Colors.Crimson.WithAlpha(0.35) : Colors.Transparent;
            polygon.LineColor = e == 0 ? Colors.Crimson : colour;
            polygon.LineWidth = e == 0 ? 2 : 2.5f;
            polygon.LinePattern = e == 0 ? LinePattern.Solid : LinePattern.Dashed;
            polygon.LegendText = e == 0
                ? $"excluded at 90% CL, {AnalysisPlots.Eot(exposure.Eot)} EOT, no event, no background"
                : $"projected, {AnalysisPlots.Eot(exposure.Eot)} EOT, no background";
        }
        if (!any) return null;
        var x17 = plot.Add.VerticalLine(Math.Log10(VisibleReach.X17MassMeV));
        x17.LineColor = Colors.DimGray;
        x17.LinePattern = LinePattern.Dotted;
        x17.LineWidth = 1.5f;
        x17.LegendText = FormattableString.Invariant($"X17 of the ⁸Be anomaly, {VisibleReach.X17MassMeV:0.0#} MeV");
        var x0 = Math.Floor(xMin * 2) / 2 - 0.1;
        var x1 = Math.Max(Math.Ceiling(xMax * 2) / 2, x0 + 1.2) + 0.1;
        AnalysisPlots.LogLogFrame(plot, x0, x1, Math.Floor(yMin) - 0.3, Math.Ceiling(yMax) + 0.5, title, "m_X [MeV]", "ε (excluded band, 90% CL)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Legend.FontSize = 12;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
