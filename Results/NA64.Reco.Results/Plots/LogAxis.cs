using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace NA64.Reco.Results.Plots;

/// <summary>
/// Log axes for ScottPlot 5, which plots linear coordinates: the data are plotted as log10(value), and this tick
/// generator puts major ticks at the integer decades labelled 10^k (or 1, 10, 100 … when plain) and minor ticks at
/// log10(2 … 9) within each decade, so the axis reads like a true log axis.
/// </summary>
public static class LogAxis
{
    private static readonly string s_superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>Ticks for log10 coordinates spanning [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static NumericManual Ticks(double min, double max, bool plain)
    {
        var ticks = new NumericManual();
        var first = (int)Math.Floor(min);
        var last = (int)Math.Ceiling(max);
        for (var k = first; k <= last; k++)
        {
            if (k >= min - 1e-9 && k <= max + 1e-9) ticks.AddMajor(k, Label(k, plain));
            for (var m = 2; m <= 9; m++)
            {
                var p = k + Math.Log10(m);
                if (p >= min && p <= max) ticks.AddMinor(p);
            }
        }
        return ticks;
    }

    /// <summary>"10⁻⁴", or for plain labels 0.1, 1, 10, 1000.</summary>
    public static string Label(int decade, bool plain)
    {
        if (plain && decade >= -3 && decade <= 4) return Math.Pow(10, decade).ToString("0.###", CultureInfo.InvariantCulture);
        var digits = Math.Abs(decade).ToString(CultureInfo.InvariantCulture);
        var sb = new System.Text.StringBuilder("10");
        if (decade < 0) sb.Append('⁻');
        foreach (var c in digits) sb.Append(s_superscripts[c - '0']);
        return sb.ToString();
    }

    /// <summary>Applies log ticks to an axis and shows its minor grid lines faintly.</summary>
    public static void Apply(Plot plot, IAxis axis, double min, double max, bool plain)
    {
        axis.TickGenerator = Ticks(min, max, plain);
        axis.TickLabelStyle.FontSize = 15;
        _ = plot;
    }
}
