namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The ε interval excluded at one mass in the visible mode (physics.md §8a, §9): where the expected signal N(ε) exceeds
/// the upper limit N_up. N rises from small ε (too few decays before the calorimeter) and falls at large ε (decays inside
/// the dump), so the excluded region is a band [<see cref="Low"/>, <see cref="High"/>], or empty when the peak of N stays
/// below N_up.
/// </summary>
/// <param name="Low">Lower edge (NaN when nothing is excluded).</param>
/// <param name="High">Upper edge (NaN when nothing is excluded).</param>
/// <param name="PeakEpsilon">Where N is largest on the scanned range (refined between the scan's points).</param>
/// <param name="PeakEvents">N at that ε.</param>
public readonly record struct EpsilonBand(double Low, double High, double PeakEpsilon, double PeakEvents)
{
    /// <summary>The smallest and largest ε scanned by default.</summary>
    public const double DefaultMinimum = 1e-7, DefaultMaximum = 1e-1;

    private const int ScanPoints = 241; // 40 per decade over six decades: finer than any band NA64 quotes
    private const int BisectionSteps = 60;
    private const int PeakSteps = 80;
    private static readonly double s_golden = (Math.Sqrt(5) - 1) / 2;

    /// <summary>True when some ε is excluded.</summary>
    public bool Excludes => !double.IsNaN(Low);

    /// <summary>
    /// Solves N(ε) = N_up on [min, max]: a scan uniform in ln ε finds the peak and the outermost points at or above N_up;
    /// a golden-section search between the peak's neighbours refines the peak (so that a mass whose largest signal
    /// reaches N_up between two scan points still has its narrow band), then bisection in ln ε refines each edge to
    /// 10⁻¹² relative. An edge at the end of the range is that end: the band may continue beyond it.
    /// </summary>
    public static EpsilonBand Solve(Func<double, double> expectedEvents, double nUp,
        double minimum = DefaultMinimum, double maximum = DefaultMaximum)
    {
        ArgumentNullException.ThrowIfNull(expectedEvents);
        if (!(nUp > 0)) throw new ArgumentOutOfRangeException(nameof(nUp), nUp, "N_up must be > 0");
        if (!(minimum > 0 && maximum > minimum)) throw new ArgumentOutOfRangeException(nameof(maximum), maximum, "need 0 < min < max");
        var lnMin = Math.Log(minimum);
        var step = (Math.Log(maximum) - lnMin) / (ScanPoints - 1);
        int first = -1, last = -1, peak = 0;
        var peakEvents = double.NegativeInfinity;
        for (var k = 0; k < ScanPoints; k++)
        {
            var n = expectedEvents(Math.Exp(lnMin + k * step));
            if (n > peakEvents)
            {
                peakEvents = n;
                peak = k;
            }
            if (n >= nUp)
            {
                if (first < 0) first = k;
                last = k;
            }
        }
        var lnPeak = lnMin + peak * step;
        var (from, to) = (lnMin + Math.Max(peak - 1, 0) * step, lnMin + Math.Min(peak + 1, ScanPoints - 1) * step);
        (lnPeak, peakEvents) = Peak(expectedEvents, lnPeak, peakEvents, from, to);
        var peakEpsilon = Math.Exp(lnPeak);
        if (first < 0)
        {
            if (!(peakEvents >= nUp)) return new EpsilonBand(double.NaN, double.NaN, peakEpsilon, peakEvents);
            // Only the refined peak reaches N_up: the band lies inside the search's bracket, whose ends (scan points) are
            // below N_up.
            return new EpsilonBand(Edge(expectedEvents, nUp, from, lnPeak), Edge(expectedEvents, nUp, to, lnPeak), peakEpsilon, peakEvents);
        }
        var low = first == 0 ? minimum : Edge(expectedEvents, nUp, lnMin + (first - 1) * step, lnMin + first * step);
        var high = last == ScanPoints - 1 ? maximum : Edge(expectedEvents, nUp, lnMin + (last + 1) * step, lnMin + last * step);
        return new EpsilonBand(low, high, peakEpsilon, peakEvents);
    }

    /// <summary>
    /// The largest N on [<paramref name="from"/>, <paramref name="to"/>] (ln ε) by golden-section search, starting from
    /// the scan's best point, which it never does worse than.
    /// </summary>
    private static (double LnEpsilon, double Events) Peak(Func<double, double> expectedEvents, double lnBest, double best, double from, double to)
    {
        double a = from, b = to;
        var c = b - s_golden * (b - a);
        var d = a + s_golden * (b - a);
        double fc = expectedEvents(Math.Exp(c)), fd = expectedEvents(Math.Exp(d));
        for (var i = 0; i < PeakSteps && b - a > 1e-12; i++)
        {
            if (fc >= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - s_golden * (b - a);
                fc = expectedEvents(Math.Exp(c));
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + s_golden * (b - a);
                fd = expectedEvents(Math.Exp(d));
            }
        }
        var (x, f) = fc >= fd ? (c, fc) : (d, fd);
        return f > best ? (x, f) : (lnBest, best);
    }

    /// <summary>ε where N crosses N_up between ln ε = <paramref name="below"/> (N &lt; N_up) and <paramref name="above"/> (N ≥ N_up).</summary>
    private static double Edge(Func<double, double> expectedEvents, double nUp, double below, double above)
    {
        for (var i = 0; i < BisectionSteps && Math.Abs(above - below) > 1e-12; i++)
        {
            var mid = 0.5 * (below + above);
            if (expectedEvents(Math.Exp(mid)) >= nUp) above = mid;
            else below = mid;
        }
        return Math.Exp(0.5 * (below + above));
    }
}
