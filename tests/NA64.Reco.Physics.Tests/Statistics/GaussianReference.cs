namespace NA64.Reco.Physics.Tests.Statistics;

/// <summary>
/// Closed forms for the tests, computed without the library's special functions: erfc by its Taylor series (small x)
/// or Laplace's continued fraction (large x), and the averages of e^{−x} and x e^{−x} over a Gaussian truncated at zero.
/// </summary>
internal static class GaussianReference
{
    /// <summary>erfcx(x) = e^{x²} erfc(x), for any x (no overflow for large positive x).</summary>
    public static double Erfcx(double x)
    {
        if (x < 2) return Math.Exp(x * x) * Erfc(x);
        // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the bottom.
        var tail = x;
        for (var k = 200; k >= 1; k--) tail = x + k / 2.0 / tail;
        return 1 / (Math.Sqrt(Math.PI) * tail);
    }

    /// <summary>erfc(x) = 1 − (2/√π) Σ (−1)ⁿ x^{2n+1} / (n! (2n + 1)) for |x| &lt; 2, the continued fraction above.</summary>
    public static double Erfc(double x)
    {
        if (x >= 2) return Math.Exp(-x * x) * Erfcx(x);
        if (x <= -2) return 2 - Erfc(-x);
        double term = x, sum = x;
        for (var n = 1; n < 200; n++)
        {
            term *= -x * x / n;
            sum += term / (2 * n + 1);
        }
        return 1 - 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>Φ(y), the standard normal cumulative distribution.</summary>
    public static double Phi(double y) => 0.5 * Erfc(-y / Math.Sqrt(2));

    /// <summary>
    /// ⟨e^{−t x}⟩ for x ~ Gauss(c, σ) truncated to x ≥ 0: completing the square, e^{−tx} Gauss(x; c, σ) =
    /// e^{−tc + t²σ²/2} Gauss(x; m, σ) with m = c − tσ², so the average is e^{−tc + t²σ²/2} Φ(m/σ) / Φ(c/σ); written
    /// as e^{−c²/(2σ²)} · ½ erfcx(−m/(σ√2)) / Φ(c/σ), which neither overflows nor underflows for large σ.
    /// </summary>
    public static double MeanExp(double t, double c, double sigma)
    {
        var m = c - t * sigma * sigma;
        var shifted = m >= 0
            ? Math.Exp(-t * c + 0.5 * t * t * sigma * sigma) * Phi(m / sigma)
            : Math.Exp(-c * c / (2 * sigma * sigma)) * 0.5 * Erfcx(-m / (sigma * Math.Sqrt(2)));
        return shifted / Phi(c / sigma);
    }

    /// <summary>
    /// ⟨x e^{−t x}⟩ for the same truncated Gaussian: the mean of Gauss(m, σ) truncated at zero times the mass, i.e.
    /// e^{−tc + t²σ²/2} (m Φ(m/σ) + σ φ(m/σ)) / Φ(c/σ), with the exponentials combined as in <see cref="MeanExp"/>.
    /// </summary>
    public static double MeanXExp(double t, double c, double sigma)
    {
        var m = c - t * sigma * sigma;
        var scale = Math.Exp(-c * c / (2 * sigma * sigma));
        var mass = m >= 0
            ? Math.Exp(-t * c + 0.5 * t * t * sigma * sigma) * Phi(m / sigma)
            : scale * 0.5 * Erfcx(-m / (sigma * Math.Sqrt(2)));
        return (m * mass + scale * sigma / Math.Sqrt(2 * Math.PI)) / Phi(c / sigma);
    }
}
