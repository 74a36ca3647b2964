using NA64.Reco.Physics.Analysis;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>
/// Plots of the analysis products: the ε_90 exclusion vs m_A' and the y_90 exclusion vs m_χ (both log–log), and the
/// signal efficiency vs m_A'.
/// </summary>
public static class AnalysisPlots
{
    private const int Width = 900;
    private const int Height = 650;

    /// <summary>
    /// ε_90 vs m_A' on log–log axes: the observed limit solid with markers, each projection dashed. Writes a PNG and an
    /// SVG; false (nothing written) when no mass has a finite limit.
    /// </summary>
    public static (byte[] Png, string Svg)? Exclusion(CampaignAnalysis analysis, string title)
    {
        if (analysis.Limits is null) return null;
        var plot = new Plot();
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        var observed = Curve(analysis.Limits, Epsilon, ref xMin, ref xMax, ref yMin, ref yMax);
        if (observed.Xs.Length == 0) return null;
        var palette = new[] { Colors.Black, Colors.RoyalBlue, Colors.DarkOrange, Colors.SeaGreen };
        for (var i = 0; i < analysis.Projections.Count; i++)
        {
            var p = analysis.Projections[i];
            var c = Curve(p, Epsilon, ref xMin, ref xMax, ref yMin, ref yMax);
            if (c.Xs.Length == 0) continue;
            var line = plot.Add.ScatterLine(c.Xs, c.Ys);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2.5f;
            line.Color = palette[1 + i % (palette.Length - 1)];
            line.LegendText = $"projected, {Eot(p.Inputs.Eot)} EOT (median expected)";
        }
        var obs = plot.Add.Scatter(observed.Xs, observed.Ys);
        obs.LineWidth = 3;
        obs.MarkerSize = 8;
        obs.Color = palette[0];
        var inputs = analysis.Limits.Inputs;
        var b = inputs.Background;
        var background = b.IsUpperBound ? $"b ≤ {b.Upper:0.###}" : $"b = {b.Expected:0.###}";
        obs.LegendText = $"observed 90% CL ({AnalysisReport.MethodName(inputs.Method).ToUpperInvariant()}), {Eot(inputs.Eot)} EOT, n = {inputs.Observed}, {background}";

        // Decade-aligned frame with a little room; at least one decade in x so the ticks make sense.
        var x0 = Math.Min(Math.Floor(xMin * 2) / 2, 0) - 0.1;
        var x1 = Math.Max(Math.Ceiling(xMax * 2) / 2, 3) + 0.1;
        var y0 = Math.Floor(yMin) - 0.2;
        var y1 = Math.Ceiling(yMax) + 0.2;
        LogLogFrame(plot, x0, x1, y0, y1, title, "m_A' [MeV]", "ε (90% CL upper limit)");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return (plot.GetImageBytes(Width, Height, ImageFormat.Png), plot.GetSvgXml(Width, Height));
    }

    /// <summary>
    /// y_90 = ε_90² α_D (m_χ/m_A')⁴ vs m_χ for m_A' = 3 m_χ on log–log axes, one colour per α_D (0.1, 0.5), the observed
    /// limit solid with markers and each projection dashed: the plane of NA64's light-dark-matter results (PRD 97 (2018)
    /// 072002, PRL 123 (2019) 121801; y after Izaguirre et al., PRL 115 (2015) 251301). Null when no mass has a finite limit.
    /// </summary>
    public static byte[]? DarkMatterY(CampaignAnalysis analysis, string title)
    {
        if (analysis.Limits is null) return null;
        var plot = new Plot();
        double xMin = double.MaxValue, xMax = double.MinValue, yMin = double.MaxValue, yMax = double.MinValue;
        var colours = new[] { Colors.Black, Colors.Crimson, Colors.RoyalBlue, Colors.DarkOrange };
        var patterns = new[] { LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed };
        var method = AnalysisReport.MethodName(analysis.Limits.Inputs.Method).ToUpperInvariant();
        var any = false;
        for (var a = 0; a < LightDarkMatter.AlphaD.Count; a++)
        {
            var alphaD = LightDarkMatter.AlphaD[a];
            (double X, double Y) Select(LimitPoint p) => (p.MassChiMeV, p.Y90(alphaD));
            var colour = colours[a % colours.Length];
            for (var i = 0; i < analysis.Projections.Count; i++)
            {
                var projection = analysis.Projections[i];
                var c = Curve(projection, Select, ref xMin, ref xMax, ref yMin, ref yMax);
                if (c.Xs.Length == 0) continue;
                var line = plot.Add.ScatterLine(c.Xs, c.Ys);
                line.LinePattern = patterns[i % patterns.Length];
                line.LineWidth = 2.5f;
                line.Color = colour;
                line.LegendText = $"α_D = {alphaD:0.##}, projected {Eot(projection.Inputs.Eot)} EOT";
            }
            var observed = Curve(analysis.Limits, Select, ref xMin, ref xMax, ref yMin, ref yMax);
            if (observed.Xs.Length == 0) continue;
            any = true;
            var obs = plot.Add.Scatter(observed.Xs, observed.Ys);
            obs.LineWidth = 3;
            obs.MarkerSize = 8;
            obs.Color = colour;
            obs.LegendText = $"α_D = {alphaD:0.##}, observed 90% CL ({method}), {Eot(analysis.Limits.Inputs.Eot)} EOT";
        }
        if (!any) return null;
        var x0 = Math.Min(Math.Floor(xMin * 2) / 2, 0) - 0.1;
        var x1 = Math.Max(Math.Ceiling(xMax * 2) / 2, 2.5) + 0.1;
        var y0 = Math.Floor(yMin) - 0.2;
        var y1 = Math.Ceiling(yMax) + 0.2;
        LogLogFrame(plot, x0, x1, y0, y1, title, "m_χ [MeV]  (m_A' = 3 m_χ)", "y = ε² α_D (m_χ/m_A')⁴ (90% CL upper limit)");
        // The curves rise with m_χ (y ∝ ε²): the lower right stays clear.
        plot.ShowLegend(Alignment.LowerRight);
        plot.Legend.FontSize = 13;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Efficiency of the whole selection vs m_A' (log x) with its 1σ weighted Clopper–Pearson errors; false without signal samples.</summary>
    public static byte[]? Efficiency(CampaignAnalysis analysis, string title)
    {
        var n = analysis.Efficiencies.Count;
        if (n == 0) return null;
        var xs = new double[n];
        var ys = new double[n];
        var low = new double[n];
        var high = new double[n];
        double yTop = 0;
        for (var i = 0; i < n; i++)
        {
            var t = analysis.Efficiencies[i].Value;
            var row = t.Rows[^1];
            xs[i] = Math.Log10(t.MassMeV);
            ys[i] = row.Efficiency;
            low[i] = Math.Max(0, row.Efficiency - row.Lower);
            high[i] = Math.Max(0, row.Upper - row.Efficiency);
            yTop = Math.Max(yTop, row.Upper);
        }
        var plot = new Plot();
        var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, low, high);
        plot.Add.Plottable(bars);
        bars.Color = Colors.Black;
        bars.LineWidth = 2;
        bars.CapSize = 8;
        var points = plot.Add.Scatter(xs, ys);
        points.LineWidth = 0;
        points.MarkerSize = 6;
        points.Color = Colors.RoyalBlue;
        var x0 = Math.Min(Math.Floor(xs[0]), 0) - 0.15;
        var x1 = Math.Max(Math.Ceiling(xs[^1]), 3) + 0.15;
        plot.Axes.SetLimits(x0, x1, 0, Math.Min(1.05, Math.Max(0.1, yTop * 1.25)));
        LogAxis.Apply(plot, plot.Axes.Bottom, x0, x1, plain: true);
        plot.Grid.XAxisStyle.MinorLineStyle.Width = 1;
        plot.Grid.XAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.06);
        plot.Title(title);
        plot.XLabel("m_A' [MeV]");
        plot.YLabel("signal efficiency (all cuts, weighted)");
        plot.Axes.Bottom.Label.FontSize = 18;
        plot.Axes.Left.Label.FontSize = 18;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>(mass, the limit on the coupling) of a point: ε_90 of an A', g_90 of a Z'.</summary>
    internal static (double X, double Y) Epsilon(LimitPoint p) => (p.MassMeV, p.Epsilon90);

    /// <summary>The frame of the log–log limit plots: limits in log10 coordinates, log ticks, faint minor grid, title and labels.</summary>
    internal static void LogLogFrame(Plot plot, double x0, double x1, double y0, double y1, string title, string xLabel, string yLabel)
    {
        plot.Axes.SetLimits(x0, x1, y0, y1);
        LogAxis.Apply(plot, plot.Axes.Bottom, x0, x1, plain: true);
        LogAxis.Apply(plot, plot.Axes.Left, y0, y1, plain: false);
        plot.Grid.XAxisStyle.MinorLineStyle.Width = 1;
        plot.Grid.YAxisStyle.MinorLineStyle.Width = 1;
        plot.Grid.XAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.06);
        plot.Grid.YAxisStyle.MinorLineStyle.Color = Colors.Black.WithAlpha(0.06);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.Label.FontSize = 18;
        plot.Axes.Left.Label.FontSize = 18;
    }

    /// <summary>log10 of the selected (x, y) of each point with both finite and positive, widening the frame.</summary>
    internal static (double[] Xs, double[] Ys) Curve(LimitTable table, Func<LimitPoint, (double X, double Y)> select,
        ref double xMin, ref double xMax, ref double yMin, ref double yMax)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var p in table.Points)
        {
            var (px, py) = select(p);
            if (!(px > 0) || !double.IsFinite(py) || !(py > 0)) continue;
            var x = Math.Log10(px);
            var y = Math.Log10(py);
            xs.Add(x);
            ys.Add(y);
            xMin = Math.Min(xMin, x);
            xMax = Math.Max(xMax, x);
            yMin = Math.Min(yMin, y);
            yMax = Math.Max(yMax, y);
        }
        return (xs.ToArray(), ys.ToArray());
    }

    internal static string Eot(double eot)
    {
        var k = (int)Math.Floor(Math.Log10(eot));
        var m = eot / Math.Pow(10, k);
        var mantissa = Math.Abs(m - 1) < 1e-9 ? "" : $"{m:0.##}×";
        return mantissa + LogAxis.Label(k, plain: false);
    }
}
