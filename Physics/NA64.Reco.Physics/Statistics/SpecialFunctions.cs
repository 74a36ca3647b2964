namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// Log-gamma, regularised incomplete gamma and beta functions and the inverse of the latter, in double precision.
/// The series and continued fractions follow W. H. Press et al., Numerical Recipes (3rd ed., 2007), §6.1–6.4
/// (gser/gcf, betacf with the modified Lentz method); log-gamma is the Lanczos approximation (g = 7, 9 terms).
/// </summary>
public static class SpecialFunctions
{
    private const double Epsilon = 1e-16;
    private const double FpMin = 1e-300;
    private const int MaxIterations = 100_000;

    private static readonly double[] s_lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>
    /// eˣ − 1 to a few ulps for every x, also where eˣ rounds to 1 (|x| ≲ 10⁻¹⁶), by Kahan's correction
    /// (u − 1) x / ln u with u = eˣ, the exponential counterpart of the ln(1 + x) formula of Goldberg's Theorem 4 ("What
    /// every computer scientist should know about floating-point arithmetic", ACM Computing Surveys 23 (1991) 5).
    /// .NET's <c>double.ExpM1</c> is eˣ − 1 as written, which keeps only ~16 − log₁₀(1/|x|) digits.
    /// </summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        if (double.IsPositiveInfinity(u)) return u;
        return um1 * x / Math.Log(u);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (relative accuracy ~1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0");
        // Reflection keeps the Lanczos sum in its accurate range for 0 < x < 0.5.
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var a = s_lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < s_lanczos.Length; i++) a += s_lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a), the upper regularised incomplete gamma function (a &gt; 0, x ≥ 0).</summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (!(a > 0) || !(x >= 0)) throw new ArgumentOutOfRangeException(nameof(a), $"RegularizedGammaQ needs a > 0 and x >= 0, got a = {a}, x = {x}");
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>P(a, x) = 1 − Q(a, x), the lower regularised incomplete gamma function.</summary>
    public static double RegularizedGammaP(double a, double x)
    {
        if (!(a > 0) || !(x >= 0)) throw new ArgumentOutOfRangeException(nameof(a), $"RegularizedGammaP needs a > 0 and x >= 0, got a = {a}, x = {x}");
        if (x == 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>
    /// erfc(x) = 1 − erf(x) for any real x: erf(x) = P(1/2, x²) for x ≥ 0 (since Γ(1/2, x²) = √π erfc x), so
    /// erfc(x) = Q(1/2, x²) for x ≥ 0 and 1 + P(1/2, x²) for x &lt; 0. Full relative accuracy in the upper tail, where
    /// 1 − erf(x) would cancel.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) throw new ArgumentOutOfRangeException(nameof(x), x, "Erfc needs a number");
        if (x == 0) return 1;
        if (double.IsInfinity(x)) return x > 0 ? 0 : 2;
        return x > 0 ? RegularizedGammaQ(0.5, x * x) : 1 + RegularizedGammaP(0.5, x * x);
    }

    /// <summary>Φ(x), the standard normal cumulative distribution: ½ erfc(−x/√2).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double GammaSeries(double a, double x)
    {
        var ap = a;
        var sum = 1.0 / a;
        var del = sum;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            del *= x / ap;
            sum += del;
            if (Math.Abs(del) < Math.Abs(sum) * Epsilon) return sum * Math.Exp(-x + a * Math.Log(x) - LogGamma(a));
        }
        throw new ArithmeticException($"incomplete gamma series did not converge (a = {a}, x = {x})");
    }

    private static double GammaContinuedFraction(double a, double x)
    {
        var b = x + 1 - a;
        var c = 1 / FpMin;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < FpMin) d = FpMin;
            c = b + an / c;
            if (Math.Abs(c) < FpMin) c = FpMin;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < Epsilon) return Math.Exp(-x + a * Math.Log(x) - LogGamma(a)) * h;
        }
        throw new ArithmeticException($"incomplete gamma continued fraction did not converge (a = {a}, x = {x})");
    }

    /// <summary>I_x(a, b), the regularised incomplete beta function (a, b &gt; 0, 0 ≤ x ≤ 1).</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1))
            throw new ArgumentOutOfRangeException(nameof(x), $"RegularizedIncompleteBeta needs a, b > 0 and 0 <= x <= 1, got a = {a}, b = {b}, x = {x}");
        if (x == 0) return 0;
        if (x == 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        // The continued fraction converges fast only on the side of the mean nearer x; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - qab * x / qap;
        if (Math.Abs(d) < FpMin) d = FpMin;
        d = 1 / d;
        var h = d;
        for (var m = 1; m < MaxIterations; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < FpMin) d = FpMin;
            c = 1 + aa / c;
            if (Math.Abs(c) < FpMin) c = FpMin;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < FpMin) d = FpMin;
            c = 1 + aa / c;
            if (Math.Abs(c) < FpMin) c = FpMin;
            d = 1 / d;
            var del = d * c;
            h *= del;
            if (Math.Abs(del - 1) < Epsilon) return h;
        }
        throw new ArithmeticException($"incomplete beta continued fraction did not converge (a = {a}, b = {b}, x = {x})");
    }

    /// <summary>The x in [0, 1] with I_x(a, b) = p: safeguarded Newton steps inside a shrinking bisection bracket.</summary>
    public static double InverseRegularizedIncompleteBeta(double a, double b, double p)
    {
        if (!(a > 0) || !(b > 0) || !(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), $"InverseRegularizedIncompleteBeta needs a, b > 0 and 0 <= p <= 1, got a = {a}, b = {b}, p = {p}");
        if (p == 0) return 0;
        if (p == 1) return 1;
        var logBeta = LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        double lo = 0, hi = 1;
        var x = a / (a + b);
        for (var i = 0; i < 2000; i++)
        {
            var f = RegularizedIncompleteBeta(a, b, x) - p;
            if (f == 0) return x;
            if (f < 0) lo = x; else hi = x;
            // I_x is increasing in x, so the bracket [lo, hi] always holds the root; Newton only proposes inside it.
            var density = Math.Exp((a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - x) - logBeta);
            var next = x - f / density;
            if (!(next > lo && next < hi))
            {
                // Roots deep in the lower tail (small a) can sit at 1e-100 or below: bisect geometrically there.
                if (lo == 0) next = hi * 1e-8;
                else if (hi > 4 * lo) next = Math.Sqrt(lo * hi);
                else next = 0.5 * (lo + hi);
            }
            if (Math.Abs(next - x) <= 1e-15 * Math.Max(x, 1e-300) || hi - lo <= 1e-15 * hi) return next;
            x = next;
        }
        return x;
    }
}
