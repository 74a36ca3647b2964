using NA64.Reco.Physics.Analysis;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>The Z' coupling plane of NA64μ (physics.md §8b): g_Z' vs m_Z' with the (g − 2)_μ-favoured band.</summary>
public static class ZPrimePlots
{
    private const int Width = 900;
    private const int Height = 650;
    private const int BandPoints = 121;

    /// <summary>
    /// g_90 vs m_Z' on log–log axes: the limit at its exposure solid with markers, each projection dashed, and the band of
    /// couplings within ±2σ of Δa_μ (<see cref="MuonAnomaly.FavouredCouplings"/>) shaded over the masses shown. Null when
    /// no mass has a finite limit. <paramref name="note"/> follows the exposure in the limit's legend.
    /// </summary>
    public static byte[]? Coupling(LimitTable observed, IReadOnlyList<LimitTable> projections, MuonAnomaly anomaly, string note, string title)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(projections);
        ArgumentNullException.ThrowIfNull(anomaly);
        var plot = new Plot();
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        var main = AnalysisPlots.Curve(observed, AnalysisPlots.Epsilon, ref xMin, ref xMax, ref yMin, ref yMax);
        if (main.Xs.Length == 0) return null;
        var palette = new[] { Colors.Black, Colors.RoyalBlue, Colors.DarkOrange, Colors.SeaGreen };
        var curves = new List<(double[] Xs, double[] Ys, string Label)>();
        foreach (var p in projections)
        {
            var c = AnalysisPlots.Curve(p, AnalysisPlots.Epsilon, ref xMin, ref xMax, ref yMin, ref yMax);
            if (c.Xs.Length > 0) curves.Add((c.Xs, c.Ys, $"projected, {AnalysisPlots.Eot(p.Inputs.Eot)} MOT, no background (median expected)"));
        }

        // The band under the curves, over the masses shown.
        var band = new List<Coordinates>();
        var lower = new List<Coordinates>();
        for (var k = 0; k < BandPoints; k++)
        {
            var x = xMin + (xMax - xMin) * k / (BandPoints - 1);
            var (low, high) = anomaly.FavouredCouplings(Math.Pow(10, x));
            if (!(high > 0)) continue;
            var logHigh = Math.Log10(high);
            band.Add(new Coordinates(x, logHigh));
            yMax = Math.Max(yMax, logHigh);
            var logLow = low > 0 ? Math.Log10(low) : double.NaN;
            lower.Add(new Coordinates(x, logLow));
            if (low > 0) yMin = Math.Min(yMin, logLow);
        }
        var y0 = Math.Floor(yMin) - 0.2;
        var y1 = Math.Ceiling(yMax) + 0.2;
        if (band.Count > 1)
        {
            for (var k = lower.Count - 1; k >= 0; k--) band.Add(new Coordinates(lower[k].X, double.IsNaN(lower[k].Y) ? y0 : lower[k].Y));
            var polygon = plot.Add.Polygon(band.ToArray());
            polygon.FillColor = Colors.LimeGreen.WithAlpha(0.35);
            polygon.LineColor = Colors.Green;
            polygon.LegendText = $"(g − 2)_μ ± 2σ: Δa_μ = ({anomaly.DeltaA * 1e11:0} ± {anomaly.Sigma * 1e11:0}) × 10⁻¹¹, {anomaly.Source}";
        }
        for (var i = 0; i < curves.Count; i++)
        {
            var line = plot.Add.ScatterLine(curves[i].Xs, curves[i].Ys);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2.5f;
            line.Color = palette[1 + i % (palette.Length - 1)];
            line.LegendText = curves[i].Label;
        }
        var obs = plot.Add.Scatter(main.Xs, main.Ys);
        obs.LineWidth = 3;
        obs.MarkerSize = 8;
        obs.Color = palette[0];
        obs.LegendText = $"90% CL, {AnalysisPlots.Eot(observed.Inputs.Eot)} MOT, {note}";

        var x0 = Math.Floor(xMin * 2) / 2 - 0.1;
        var x1 = Math.Max(Math.Ceiling(xMax * 2) / 2, x0 + 1.2) + 0.1;
        AnalysisPlots.LogLogFrame(plot, x0, x1, y0, y1, title, "m_Z' [MeV]", "g_Z' (90% CL upper limit)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 12;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
