using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>PNG plots of a summary for a person to look at: every axis labelled with its unit.</summary>
public static class SummaryPlots
{
    private const int Width = 900;
    private const int Height = 650;

    /// <summary>E_ECAL vs E_HCAL (log colour scale of counts) with the signal box drawn.</summary>
    public static byte[] EcalVsHcal(Histogram2D h, SelectionCuts cuts, string title)
    {
        var nx = h.X.Bins;
        var ny = h.Y.Bins;
        var data = new double[ny, nx];
        for (var iy = 0; iy < ny; iy++)
            for (var ix = 0; ix < nx; ix++)
            {
                var c = h[ix + 1, iy + 1];
                // Heatmap rows run top-down; log10 so that the SM peak and the sparse tails are both visible.
                data[ny - 1 - iy, ix] = c > 0 ? Math.Log10(c) : double.NaN;
            }
        var plot = new Plot();
        var map = plot.Add.Heatmap(data);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        // Rectangle sets the edges of the cells (Extent would set their centres, one cell beyond the axes).
        map.Rectangle = new CoordinateRect(h.X.Min, h.X.Max, h.Y.Min, h.Y.Max);
        map.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(map);
        bar.Label = "log10(events per bin)";
        var box = plot.Add.Rectangle(h.X.Min, cuts.SignalEcalMaxGeV, h.Y.Min, Math.Max(cuts.HcalMaxGeV, 1.0));
        box.FillStyle.Color = Colors.Red.WithAlpha(0.25);
        box.LineStyle.Color = Colors.Red;
        box.LineStyle.Width = 2;
        var label = plot.Add.Text("signal box", 2, 4);
        label.LabelFontColor = Colors.Red;
        label.LabelFontSize = 16;
        plot.Title(title);
        plot.XLabel(h.X.Axis);
        plot.YLabel(h.Y.Axis);
        plot.Axes.SetLimits(h.X.Min, h.X.Max, h.Y.Min, h.Y.Max);
        return Png(plot);
    }

    /// <summary>A 1D histogram as a step line, optionally with a log y axis.</summary>
    public static byte[] Spectrum(Histogram1D h, string title, bool logY = false)
    {
        var xs = new double[h.Bins + 1];
        var ys = new double[h.Bins + 1];
        for (var b = 1; b <= h.Bins; b++)
        {
            xs[b - 1] = h.BinLow(b);
            ys[b - 1] = logY ? (h.Counts[b] > 0 ? Math.Log10(h.Counts[b]) : 0) : h.Counts[b];
        }
        xs[h.Bins] = h.Max;
        ys[h.Bins] = ys[h.Bins - 1];
        var plot = new Plot();
        var line = plot.Add.ScatterLine(xs, ys);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        plot.Title(title);
        plot.XLabel(h.Axis);
        plot.YLabel(logY ? "log10(events per bin)" : $"events / {(h.Max - h.Min) / h.Bins:0.###}");
        plot.Axes.Margins(bottom: 0);
        return Png(plot);
    }

    /// <summary>The cut-flow as bars of the fraction of events remaining after each cut (log scale), each labelled with its count.</summary>
    public static byte[] CutFlow(EventSummary s, string title)
    {
        var plot = new Plot();
        var all = Math.Max(1, s.CutFlow[0]);
        var ticks = new Tick[CutNames.Count];
        var floor = 0.0;
        for (var i = 0; i < CutNames.Count; i++)
            if (s.CutFlow[i] > 0) floor = Math.Min(floor, Math.Log10((double)s.CutFlow[i] / all));
        // Bars rise from one decade below the smallest non-zero fraction; an empty row is a stub at the bottom.
        var bottom = Math.Floor(floor) - 1;
        var bars = new List<Bar>(CutNames.Count);
        for (var i = 0; i < CutNames.Count; i++)
        {
            var value = s.CutFlow[i] > 0 ? Math.Log10((double)s.CutFlow[i] / all) : bottom;
            bars.Add(new Bar
            {
                Position = i,
                Value = value,
                ValueBase = bottom,
                FillColor = i == CutNames.Count - 1 ? Colors.Red : Colors.SteelBlue,
            });
            var count = plot.Add.Text(s.CutFlow[i].ToString("N0", System.Globalization.CultureInfo.InvariantCulture), i, value);
            count.LabelAlignment = Alignment.LowerCenter;
            count.LabelFontSize = 13;
            count.LabelOffsetY = -3;
            ticks[i] = new Tick(i, CutNames.All[i]);
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 35;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 110;
        plot.Axes.SetLimits(-0.6, CutNames.Count - 0.4, bottom, 0.35);
        LogAxis.Apply(plot, plot.Axes.Left, bottom, 0.35, plain: false);
        plot.Title(title);
        plot.YLabel("fraction of events remaining");
        plot.XLabel("cut (applied in order, left to right)");
        return Png(plot);
    }

    /// <summary>The plot as PNG bytes (written as a results file by the caller).</summary>
    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
