using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Summary;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>Where each background source lands in the (E_ECAL, E_HCAL) plane past VETO, from the campaign's background table.</summary>
public static class BackgroundPlots
{
    private const int Width = 1200;
    private const int Height = 520;

    /// <summary>
    /// One 4 × 4 block per source with MC events past VETO: its weighted events per 10¹¹ EOT in the signal box, the near
    /// and far halves of the ECAL side-band C and of the HCAL side-band B, and beyond (<see cref="SidebandCells"/>), on
    /// one log colour scale; the box cell outlined. Null when no source has such an event.
    /// </summary>
    public static byte[]? Sources(CampaignAnalysis analysis, string title)
    {
        if (analysis.Backgrounds is not { } table) return null;
        var per = 1e11 / table.ReferenceEot;
        var shown = table.Rows.Where(r => Enumerable.Range(0, SidebandCells.Count).Any(c => r.Shape[c] > 0)).ToArray();
        if (shown.Length == 0) return null;
        var lo = double.MaxValue;
        var hi = double.MinValue;
        foreach (var r in shown)
            for (var c = 0; c < SidebandCells.Count; c++)
                if (r.Shape[c] > 0)
                {
                    var v = Math.Log10(r.Shape[c] * per);
                    lo = Math.Min(lo, v);
                    hi = Math.Max(hi, v);
                }
        if (!(hi > lo)) hi = lo + 1;

        var plot = new Plot();
        const int n = SidebandCells.Bands;
        ScottPlot.Plottables.Heatmap? last = null;
        for (var k = 0; k < shown.Length; k++)
        {
            var data = new double[n, n];
            for (var ecal = 0; ecal < n; ecal++)
                for (var hcal = 0; hcal < n; hcal++)
                {
                    var e = shown[k].Shape[SidebandCells.Index(ecal, hcal)] * per;
                    // Heatmap rows run top-down: HCAL band 0 at the bottom.
                    data[n - 1 - hcal, ecal] = e > 0 ? Math.Log10(e) : double.NaN;
                }
            var x0 = k * (n + 1);
            var map = plot.Add.Heatmap(data);
            map.Colormap = new ScottPlot.Colormaps.Viridis();
            map.Rectangle = new CoordinateRect(x0, x0 + n, 0, n);
            map.NaNCellColor = Colors.White;
            map.ManualRange = new ScottPlot.Range(lo, hi);
            last = map;
            var frame = plot.Add.Rectangle(x0, x0 + n, 0, n);
            frame.FillStyle.Color = Colors.Transparent;
            frame.LineStyle.Color = Colors.Gray;
            var box = plot.Add.Rectangle(x0, x0 + 1, 0, 1);
            box.FillStyle.Color = Colors.Transparent;
            box.LineStyle.Color = Colors.Red;
            box.LineStyle.Width = 2;
            var label = plot.Add.Text(shown[k].Source, x0, -0.3);
            label.LabelFontSize = 13;
            label.LabelRotation = 20;
        }
        var bar = plot.Add.ColorBar(last!);
        bar.Label = "log10(events per 1e11 EOT)";
        plot.Title(title);
        plot.XLabel("per source: E_ECAL band (box, C near, C far, beyond); red: the signal box");
        plot.YLabel("E_HCAL band (box, B near, B far, beyond)");
        plot.Axes.SetLimits(-0.5, shown.Length * (n + 1), -1.6, n + 0.3);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
