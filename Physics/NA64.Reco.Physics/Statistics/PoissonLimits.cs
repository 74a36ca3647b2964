namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// Upper limits N_up on the mean of a Poisson signal s observed over a background b (physics.md §9;
/// docs/statistics.md). Background uncertainty σ_b and a relative signal-scale uncertainty σ_s (yield, efficiency,
/// EOT in quadrature) enter through the Cousins–Highland average of the Poisson probabilities (<see cref="NuisancePrior"/>);
/// a background known only as an upper bound through the largest limit over [0, b_up] (<see cref="UpperLimitForBound"/>).
/// Deterministic: no random numbers.
/// </summary>
public static class PoissonLimits
{
    /// <summary>Grid step in μ of the Feldman–Cousins belt for known b: the 0.005 of the paper.</summary>
    private const double FcStep = 0.005;
    /// <summary>With nuisance parameters each belt row costs a quadrature: a coarse scan, a fine rescan near the edges, then bisection.</summary>
    private const double FcCoarseStepWithNuisances = 0.05;
    private const double FcStepWithNuisances = 0.01;
    private const double FcIslandWindow = 0.3;

    /// <summary>Grid intervals over [0, b_up] on which the limit for a background bound is evaluated (jumps are then bisected).</summary>
    private const int BoundGridIntervals = 16;
    /// <summary>Bisections of an upward jump of the limit between two grid points: its position to b_up / (16 · 2¹⁰).</summary>
    private const int BoundJumpBisections = 10;

    /// <summary>
    /// N_up by the chosen method for a background that is an estimate (b ± σ_b) or only an upper bound (b ∈ [0, b_up]:
    /// <see cref="UpperLimitForBound"/>).
    /// </summary>
    public static double UpperLimit(LimitMethod method, int observed, BackgroundInput background, SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9)
    {
        ArgumentNullException.ThrowIfNull(background);
        return background.IsUpperBound
            ? UpperLimitForBound(method, observed, background.Upper, signalRelativeUncertainty, cl)
            : UpperLimit(method, observed, background.Expected, background.Uncertainty, signalRelativeUncertainty, cl);
    }

    /// <summary>
    /// The conservative N_up for a background known only to lie in [0, b_up]: the largest limit over that interval.
    /// It is found by evaluation: the limit at 17 evenly spaced b (both ends included), and where it rises from one
    /// point to the next (Feldman–Cousins limits jump upwards in b where the belt's ordering changes), the jump is
    /// bisected and the value just past it taken. Classical and CLs limits never rise with b, so for them the grid
    /// confirms the maximum at b = 0; for n = 0 the CLs limit is the same at every b.
    /// </summary>
    public static double UpperLimitForBound(LimitMethod method, int observed, double backgroundUpper, SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9) =>
        ConservativeOverBound(method, observed, backgroundUpper, signalRelativeUncertainty, cl).NUp;

    /// <summary>The largest N_up over b ∈ [0, b_up] and the b where it was found.</summary>
    internal static (double NUp, double Background) ConservativeOverBound(LimitMethod method, int observed, double backgroundUpper,
        SignalUncertainty signalRelativeUncertainty, double cl)
    {
        Validate(observed, backgroundUpper, 0, signalRelativeUncertainty, cl);
        double Limit(double b) => UpperLimit(method, observed, b, 0, signalRelativeUncertainty, cl);
        // A rise smaller than this is the round-off of the limit's own root finding, not a jump.
        static bool Rises(double from, double to) => to > from + 1e-9 * Math.Max(1, from);
        var best = (NUp: Limit(0), Background: 0.0);
        if (backgroundUpper == 0) return best;
        var step = backgroundUpper / BoundGridIntervals;
        var previous = best.NUp;
        for (var i = 1; i <= BoundGridIntervals; i++)
        {
            var b = i == BoundGridIntervals ? backgroundUpper : i * step;
            var value = Limit(b);
            if (Rises(best.NUp, value)) best = (value, b);
            if (Rises(previous, value))
            {
                double lo = b - step, hi = b, atLo = previous, atHi = value;
                for (var k = 0; k < BoundJumpBisections; k++)
                {
                    var mid = 0.5 * (lo + hi);
                    var atMid = Limit(mid);
                    if (Rises(atLo, atMid)) (hi, atHi) = (mid, atMid);
                    else (lo, atLo) = (mid, atMid);
                }
                if (Rises(best.NUp, atHi)) best = (atHi, hi);
            }
            previous = value;
        }
        return best;
    }

    /// <summary>N_up by the chosen method.</summary>
    public static double UpperLimit(LimitMethod method, int observed, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9) => method switch
        {
            LimitMethod.Cls => Cls(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl),
            LimitMethod.FeldmanCousins => FeldmanCousins(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl),
            LimitMethod.Classical => Classical(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown limit method"),
        };

    /// <summary>The median expected limit: N_up for n = median of Poisson(b) (the Asimov-like "typical" outcome).</summary>
    public static double MedianExpected(LimitMethod method, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9)
    {
        Validate(0, background, backgroundUncertainty, signalRelativeUncertainty, cl);
        return UpperLimit(method, Poisson.Median(background), background, backgroundUncertainty, signalRelativeUncertainty, cl);
    }

    /// <summary>Classical upper limit: the s with ⟨P(n' ≤ n | s + b)⟩ = 1 − CL; 0 when even s = 0 is excluded.</summary>
    public static double Classical(int observed, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9)
    {
        Validate(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl);
        var prior = NuisancePrior.Create(background, backgroundUncertainty, signalRelativeUncertainty);
        return SolveDecreasing(s => prior.AverageCdf(observed, s), 1 - cl);
    }

    /// <summary>
    /// CLs upper limit (Read 2002, J. Phys. G 28, 2693; Junk 1999, NIM A 434, 435): the s with
    /// CLs = ⟨P(n' ≤ n | s + b)⟩ / ⟨P(n' ≤ n | b)⟩ = 1 − CL. For n = 0 and no signal uncertainty it is −ln(1 − CL) whatever b.
    /// </summary>
    public static double Cls(int observed, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9)
    {
        Validate(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl);
        var prior = NuisancePrior.Create(background, backgroundUncertainty, signalRelativeUncertainty);
        var clb = prior.AverageCdf(observed, 0);
        if (!(clb > 1e-300))
            throw new ArgumentOutOfRangeException(nameof(background), background, $"CLs is undefined: P(n' <= {observed} | b) underflows for this background");
        return SolveDecreasing(s => prior.AverageCdf(observed, s) / clb, 1 - cl);
    }

    /// <summary>Upper end of the Feldman–Cousins interval.</summary>
    public static double FeldmanCousins(int observed, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9) =>
        FeldmanCousinsInterval(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl).Upper;

    /// <summary>
    /// Feldman–Cousins unified interval (PRD 57, 3873, 1998): for each μ on a grid the acceptance region in n is built by
    /// decreasing R = P(n | μ + b) / P(n | μ̂ + b), μ̂ = max(0, n − b), until it holds ≥ CL; the belt is pushed outward
    /// where discreteness makes its edges non-monotonic (as in the paper), i.e. upper = the largest μ whose region starts
    /// at or below n₀, lower = the smallest μ whose region reaches n₀. Grid edges are refined by bisection.
    /// With σ_b or σ_s the probabilities are the nuisance averages and μ̂ maximises the averaged probability (Conrad et
    /// al. 2003, PRD 67, 012002). With b known it reproduces the Table IV entries checked in the tests (docs/statistics.md
    /// explains the one quoted entry it does not: n = 0, b = 3).
    /// </summary>
    public static PoissonInterval FeldmanCousinsInterval(int observed, double background, double backgroundUncertainty = 0,
        SignalUncertainty signalRelativeUncertainty = default, double cl = 0.9)
    {
        Validate(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl);
        var belt = new FeldmanCousinsBelt(observed, background, backgroundUncertainty, signalRelativeUncertainty, cl);
        var step = belt.Prior.IsTrivial ? FcStep : FcCoarseStepWithNuisances;
        var steps = (int)Math.Ceiling(belt.MuMax / step);
        int last = -1, first = -1;
        for (var i = 0; i <= steps; i++)
        {
            var (n1, n2) = belt.Acceptance(i * step);
            if (n1 <= observed) last = i;
            if (first < 0 && n2 >= observed) first = i;
        }
        if (last < 0 || first < 0 || first > last) return new PoissonInterval(0, 0);
        if (last == steps) throw new InvalidOperationException($"Feldman–Cousins scan for n = {observed}, b = {background} did not reach the end of the belt");
        double upperFrom = last * step, lowerTo = first * step;
        if (!belt.Prior.IsTrivial)
        {
            // The coarse scan can step over the narrow islands that discreteness leaves at the belt edges: rescan the
            // neighbourhood of each edge finely.
            for (var mu = upperFrom + FcStepWithNuisances; mu <= upperFrom + FcIslandWindow; mu += FcStepWithNuisances)
                if (belt.Acceptance(mu).N1 <= observed) upperFrom = mu;
            var from = Math.Max(0, lowerTo - FcIslandWindow);
            for (var mu = from; mu < lowerTo; mu += FcStepWithNuisances)
                if (belt.Acceptance(mu).N2 >= observed) { lowerTo = mu; break; }
            step = FcStepWithNuisances;
        }
        var upper = Bisect(upperFrom, upperFrom + step, mu => belt.Acceptance(mu).N1 <= observed);
        var lower = lowerTo == 0 ? 0 : Bisect(Math.Max(0, lowerTo - step), lowerTo, mu => belt.Acceptance(mu).N2 < observed);
        return new PoissonInterval(lower, upper);
    }

    /// <summary>Largest x in [lo, hi] with predicate true, given it holds at lo and not at hi.</summary>
    private static double Bisect(double lo, double hi, Func<double, bool> holds)
    {
        for (var i = 0; i < 40; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (holds(mid)) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// The s ≥ 0 where a decreasing f(s) crosses target (0 if f(0) ≤ target): bracketed by doubling, then Brent's method
    /// (inverse quadratic interpolation safeguarded by bisection; Numerical Recipes 3rd ed. §9.3) to 1e-12 relative.
    /// </summary>
    private static double SolveDecreasing(Func<double, double> f, double target)
    {
        var fa = f(0) - target;
        if (fa <= 0) return 0;
        double a = 0, b = 1;
        var fb = f(b) - target;
        while (fb > 0)
        {
            a = b;
            fa = fb;
            b *= 2;
            if (b > 1e12) throw new ArithmeticException("upper limit search did not converge");
            fb = f(b) - target;
        }
        if (fb == 0) return b;
        double c = a, fc = fa, d = b - a, e = d;
        for (var i = 0; i < 200; i++)
        {
            if (fb * fc > 0)
            {
                c = a;
                fc = fa;
                d = e = b - a;
            }
            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
            }
            var tolerance = 1e-300 + 0.5e-12 * Math.Abs(b);
            var half = 0.5 * (c - b);
            if (Math.Abs(half) <= tolerance || fb == 0) return b;
            if (Math.Abs(e) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q;
                var s = fb / fa;
                if (a == c)
                {
                    p = 2 * half * s;
                    q = 1 - s;
                }
                else
                {
                    var r = fb / fc;
                    var t = fa / fc;
                    p = s * (2 * half * t * (t - r) - (b - a) * (r - 1));
                    q = (t - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) q = -q;
                p = Math.Abs(p);
                if (2 * p < Math.Min(3 * half * q - Math.Abs(tolerance * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = half;
                    e = d;
                }
            }
            else
            {
                d = half;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.Abs(d) > tolerance ? d : Math.Sign(half) * tolerance;
            fb = f(b) - target;
        }
        return b;
    }

    internal static void Validate(int observed, double background, double backgroundUncertainty, SignalUncertainty signalRelativeUncertainty, double cl)
    {
        if (observed < 0) throw new ArgumentOutOfRangeException(nameof(observed), observed, "observed count must be >= 0");
        if (!(background >= 0) || double.IsInfinity(background)) throw new ArgumentOutOfRangeException(nameof(background), background, "background must be finite and >= 0");
        if (!(backgroundUncertainty >= 0) || double.IsInfinity(backgroundUncertainty))
            throw new ArgumentOutOfRangeException(nameof(backgroundUncertainty), backgroundUncertainty, "background uncertainty must be finite and >= 0");
        if (!(signalRelativeUncertainty.Relative >= 0) || signalRelativeUncertainty.Relative > 10)
            throw new ArgumentOutOfRangeException(nameof(signalRelativeUncertainty), signalRelativeUncertainty.Relative, "relative signal uncertainty must be in [0, 10]");
        if (!(cl > 0 && cl < 1)) throw new ArgumentOutOfRangeException(nameof(cl), cl, "confidence level must be in (0, 1)");
    }
}
