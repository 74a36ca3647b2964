using System.Globalization;
using NA64.Reco.Physics.Analysis;
using ScottPlot;

namespace NA64.Reco.Results.Plots;

/// <summary>
/// The dimuon cross-check as a plot: E_ECAL of the reference's dimuon candidates (points, √N errors) against the
/// emitter's expectation (step line, the dimuon samples' shape scaled to N_exp), the ratio and its error in the legend.
/// </summary>
public static class DimuonPlots
{
    private const int Width = 900;
    private const int Height = 650;

    /// <summary>Null when there is nothing to compare: no candidate and no expectation.</summary>
    public static byte[]? Spectrum(DimuonCrossCheck d, string title)
    {
        ArgumentNullException.ThrowIfNull(d);
        var h = d.SelectedEcal;
        var expected = d.ExpectedEcal;
        if (d.Selected == 0 && expected is null) return null;
        var n = h.Bins;
        var width = (h.Max - h.Min) / n;
        var xs = new double[n];
        var ys = new double[n];
        var errors = new double[n];
        for (var b = 1; b <= n; b++)
        {
            xs[b - 1] = h.BinLow(b) + width / 2;
            ys[b - 1] = h.Counts[b];
            errors[b - 1] = Math.Sqrt(h.Counts[b]);
        }
        var plot = new Plot();
        if (expected is not null)
        {
            var ex = new double[n + 1];
            var ey = new double[n + 1];
            for (var b = 1; b <= n; b++)
            {
                ex[b - 1] = h.BinLow(b);
                ey[b - 1] = expected[b];
            }
            ex[n] = h.Max;
            ey[n] = ey[n - 1];
            var line = plot.Add.ScatterLine(ex, ey);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LineWidth = 2.5f;
            line.Color = Colors.DarkOrange;
            line.LegendText = FormattableString.Invariant($"expected (QED, dimuon emitter): {d.Expected:0.#} events");
        }
        var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, errors, errors);
        plot.Add.Plottable(bars);
        bars.Color = Colors.Black;
        bars.LineWidth = 2;
        bars.CapSize = 5;
        var points = plot.Add.Scatter(xs, ys);
        points.LineWidth = 0;
        points.MarkerSize = 7;
        points.Color = Colors.Black;
        points.LegendText = string.Create(CultureInfo.InvariantCulture, $"selected: {d.Selected} events")
            + (d.Ratio is { } r && d.RatioError is { } e ? FormattableString.Invariant($", measured / expected = {r:0.000} ± {e:0.000}") : "");
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.XLabel(h.Axis);
        plot.YLabel(FormattableString.Invariant($"dimuon candidates / {width:0.##} GeV"));
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Legend.FontSize = 13;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}
