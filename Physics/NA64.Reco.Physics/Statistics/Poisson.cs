namespace NA64.Reco.Physics.Statistics;

/// <summary>Poisson probabilities, cumulative probabilities and the median, for counts n ≥ 0 and means μ ≥ 0.</summary>
public static class Poisson
{
    /// <summary>P(n | μ) = e^{−μ} μⁿ / n!.</summary>
    public static double Probability(int n, double mean)
    {
        Check(n, mean);
        if (mean == 0) return n == 0 ? 1 : 0;
        return Math.Exp(-mean + n * Math.Log(mean) - SpecialFunctions.LogGamma(n + 1.0));
    }

    /// <summary>P(n' ≤ n | μ) = Q(n + 1, μ), the regularised upper incomplete gamma function.</summary>
    public static double Cdf(int n, double mean)
    {
        Check(n, mean);
        return mean == 0 ? 1 : SpecialFunctions.RegularizedGammaQ(n + 1.0, mean);
    }

    /// <summary>The median count: the smallest n with P(n' ≤ n | μ) ≥ 1/2.</summary>
    public static int Median(double mean)
    {
        Check(0, mean);
        var n = Math.Max(0, (int)Math.Floor(mean - 1));
        while (Cdf(n, mean) < 0.5) n++;
        while (n > 0 && Cdf(n - 1, mean) >= 0.5) n--;
        return n;
    }

    private static void Check(int n, double mean)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "count must be >= 0");
        if (!(mean >= 0) || double.IsInfinity(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "Poisson mean must be finite and >= 0");
    }
}
