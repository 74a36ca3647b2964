namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The ε interval excluded at one mass in the visible mode (physics.md §8a, §9): where the expected signal N(ε) exceeds
/// the upper limit N_up. N rises from small ε (too few decays before the calorimeter) and falls at large ε (decays inside
/// the dump), so the excluded region is a band [<see cref="Low"/>, <see cref="High"/>], or empty when the peak of N stays
/// below N_up.
/// </summary>
/// <param name="Low">Lower edge (NaN when nothing is excluded).</param>
/// <param name="High">Upper edge (NaN when nothing is excluded).</param>
/// <param name="PeakEpsilon">Where N is largest on the scanned range.</param>
/// <param name="PeakEvents">N at that ε.</param>
public readonly record struct EpsilonBand(double Low, double High, double PeakEpsilon, double PeakEvents)
{
    /// <summary>The smallest and largest ε scanned by default.</summary>
    public const double DefaultMinimum = 1e-7, DefaultMaximum = 1e-1;

    private const int ScanPoints = 241; // 40 per decade over six decades: finer than any band NA64 quotes
    private const int BisectionSteps = 60;

    /// <summary>True when some ε is excluded.</summary>
    public bool Excludes => !double.IsNaN(Low);

    /// <summary>
    /// Solves N(ε) = N_up on [min, max]: a scan uniform in ln ε finds the peak and the outermost points at or above N_up,
    /// then bisection in ln ε refines each edge to 10⁻¹² relative. An edge at the end of the range is that end: the band
    /// may continue beyond it.
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
        var peakEpsilon = Math.Exp(lnMin + peak * step);
        if (first < 0) return new EpsilonBand(double.NaN, double.NaN, peakEpsilon, peakEvents);
        var low = first == 0 ? minimum : Edge(expectedEvents, nUp, lnMin + (first - 1) * step, lnMin + first * step);
        var high = last == ScanPoints - 1 ? maximum : Edge(expectedEvents, nUp, lnMin + (last + 1) * step, lnMin + last * step);
        return new EpsilonBand(low, high, peakEpsilon, peakEvents);
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
