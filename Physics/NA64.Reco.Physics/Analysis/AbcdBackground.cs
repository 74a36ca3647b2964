using System.Globalization;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// ABCD side-band extrapolation of the background into the signal box of the (E_ECAL, E_HCAL) plane (physics.md §8):
/// N_A = N_B · N_C / N_D, which assumes E_ECAL and E_HCAL independent for background outside the box.
/// Boundaries are snapped to the nearest bin edge of the histogram (the regions report the edges used); a side-band
/// that reaches the histogram's upper edge also takes its overflow cells, and E &lt; cut regions take the underflow.
/// Statistical uncertainty: N_A·√(1/N_B + 1/N_C + 1/N_D). If N_B or N_C is zero there is no estimate but an upper bound,
/// N_A ∈ [0, N_A evaluated with each zero replaced by its 68% CL Poisson upper bound] (<see cref="BackgroundEstimate.UpperBound"/>).
/// Systematic uncertainty: the largest shift of N_A when either side-band is replaced by its near or its far half
/// (four variations).
/// </summary>
public static class AbcdBackground
{
    public const string MethodName = "abcd";

    public static BackgroundEstimate Estimate(Histogram2D plane, AbcdSidebands sidebands)
    {
        ArgumentNullException.ThrowIfNull(plane);
        ArgumentNullException.ThrowIfNull(sidebands);
        var ex0 = Edge(plane.X, sidebands.SignalEcalMaxGeV);
        var ex1 = Edge(plane.X, sidebands.EcalSidebandMaxGeV);
        var ey0 = Edge(plane.Y, sidebands.SignalHcalMaxGeV);
        var ey1 = Edge(plane.Y, sidebands.HcalSidebandMaxGeV);
        if (ex1 <= ex0 || ey1 <= ey0)
            throw new ArgumentException($"ABCD side-bands must be at least one bin wide beyond the signal box: {sidebands}", nameof(sidebands));
        var nominal = Counts(plane, ex0, ey0, ex0, ex1, ey0, ey1);
        var expected = Extrapolate(nominal, out var stat);
        var bound = double.NaN;
        if (double.IsFinite(expected) && (nominal.B == 0 || nominal.C == 0))
        {
            // A zero side-band gives N_A = 0 and, from the zero's Poisson bound, an upper bound rather than a width.
            bound = stat;
            stat = double.NaN;
        }
        var syst = double.NaN;
        if (double.IsFinite(expected))
        {
            syst = 0;
            var exm = (ex0 + ex1) / 2;
            var eym = (ey0 + ey1) / 2;
            // Near and far halves of each side-band, when each half is at least one bin.
            Span<(int X0, int X1, int Y0, int Y1)> variants = [(ex0, exm, ey0, ey1), (exm, ex1, ey0, ey1), (ex0, ex1, ey0, eym), (ex0, ex1, eym, ey1)];
            foreach (var v in variants)
            {
                if (v.X1 <= v.X0 || v.Y1 <= v.Y0) continue;
                var shifted = Extrapolate(Counts(plane, ex0, ey0, v.X0, v.X1, v.Y0, v.Y1), out _);
                if (double.IsFinite(shifted)) syst = Math.Max(syst, Math.Abs(shifted - expected));
            }
        }
        string x0 = Gev(plane.X, ex0), x1 = Gev(plane.X, ex1, ex1 == plane.X.Bins), y0 = Gev(plane.Y, ey0), y1 = Gev(plane.Y, ey1, ey1 == plane.Y.Bins);
        RegionCount[] regions =
        [
            new("A", nominal.A, $"E_ECAL < {x0} GeV, E_HCAL < {y0} GeV (signal box)"),
            new("B", nominal.B, $"E_ECAL < {x0} GeV, {y0} <= E_HCAL < {y1} GeV"),
            new("C", nominal.C, $"{x0} <= E_ECAL < {x1} GeV, E_HCAL < {y0} GeV"),
            new("D", nominal.D, $"{x0} <= E_ECAL < {x1} GeV, {y0} <= E_HCAL < {y1} GeV"),
        ];
        return new BackgroundEstimate(MethodName, expected, stat, syst, regions) { UpperBound = bound };
    }

    private readonly record struct AbcdCounts(long A, long B, long C, long D);

    /// <summary>N_A = N_B N_C / N_D; NaN if N_D = 0. With N_B or N_C zero, 0 and (in stat) the bound from the zeros' Poisson bounds.</summary>
    private static double Extrapolate(AbcdCounts n, out double stat)
    {
        if (n.D == 0)
        {
            stat = double.NaN;
            return double.NaN;
        }
        if (n.B == 0 || n.C == 0)
        {
            var bound = SourceBackground.ZeroCountUpperBound68;
            stat = (n.B == 0 ? bound : n.B) * (n.C == 0 ? bound : n.C) / n.D;
            return 0;
        }
        var expected = (double)n.B * n.C / n.D;
        stat = expected * Math.Sqrt(1.0 / n.B + 1.0 / n.C + 1.0 / n.D);
        return expected;
    }

    /// <summary>Counts with the box edges (ex0, ey0) and side-bands [cx0, cx1) in x for C and D, [by0, by1) in y for B and D.</summary>
    private static AbcdCounts Counts(Histogram2D h, int ex0, int ey0, int cx0, int cx1, int by0, int by1)
    {
        long a = Sum(h, 0, ex0, 0, ey0);
        long b = Sum(h, 0, ex0, by0 + 1, Last(h.Y, by1));
        long c = Sum(h, cx0 + 1, Last(h.X, cx1), 0, ey0);
        long d = Sum(h, cx0 + 1, Last(h.X, cx1), by0 + 1, Last(h.Y, by1));
        return new AbcdCounts(a, b, c, d);
    }

    /// <summary>Last cell index of a side-band ending at edge e: the overflow cell too when e is the axis end.</summary>
    private static int Last(Histogram1D axis, int edge) => edge == axis.Bins ? axis.Bins + 1 : edge;

    private static long Sum(Histogram2D h, int x0, int x1, int y0, int y1)
    {
        long sum = 0;
        for (var y = y0; y <= y1; y++)
            for (var x = x0; x <= x1; x++)
                sum += h[x, y];
        return sum;
    }

    /// <summary>Index (0 … Bins) of the bin edge nearest to <paramref name="gev"/>.</summary>
    private static int Edge(Histogram1D axis, double gev)
    {
        if (!double.IsFinite(gev)) throw new ArgumentOutOfRangeException(nameof(gev), gev, "ABCD boundary must be finite");
        var e = (int)Math.Round((gev - axis.Min) / (axis.Max - axis.Min) * axis.Bins, MidpointRounding.AwayFromZero);
        return Math.Clamp(e, 0, axis.Bins);
    }

    private static string Gev(Histogram1D axis, int edge, bool open = false) =>
        open ? "inf" : (axis.Min + edge * (axis.Max - axis.Min) / axis.Bins).ToString("0.###", CultureInfo.InvariantCulture);
}
