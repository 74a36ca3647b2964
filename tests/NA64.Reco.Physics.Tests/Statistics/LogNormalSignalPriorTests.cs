using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

/// <summary>The log-normal signal-scale prior: against an independent quadrature, and where it differs from the truncated Gaussian.</summary>
public sealed class LogNormalSignalPriorTests
{
    private static SignalUncertainty LogNormal(double sigma) => new(sigma, SignalScalePrior.LogNormal);

    /// <summary>
    /// n = 0, b = 0: the classical limit solves ⟨e^{−k s}⟩ = 1 − CL over k log-normal of mean 1 and width σ, computed here
    /// by the trapezoid rule on 40 001 points of z ∈ [−10, 10] and bisection: nothing shared with the library's
    /// adaptive Gauss–Kronrod.
    /// </summary>
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void The_classical_limit_at_zero_counts_matches_an_independent_quadrature(double sigma)
    {
        var s2 = Math.Log(1 + sigma * sigma);
        var s = Math.Sqrt(s2);
        double Average(double signal)
        {
            const int n = 40_000;
            const double lo = -10, hi = 10;
            var h = (hi - lo) / n;
            var sum = 0.0;
            for (var i = 0; i <= n; i++)
            {
                var z = lo + i * h;
                var w = (i == 0 || i == n ? 0.5 : 1) * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
                sum += w * Math.Exp(-signal * Math.Exp(-0.5 * s2 + s * z));
            }
            return sum * h;
        }
        double a = 0, b = 100;
        for (var i = 0; i < 200; i++)
        {
            var mid = 0.5 * (a + b);
            if (Average(mid) > 0.1) a = mid; else b = mid;
        }

        Assert.Equal(0.5 * (a + b), PoissonLimits.Classical(0, 0, 0, LogNormal(sigma)), 6);
    }

    [Fact]
    public void The_limit_keeps_growing_with_the_uncertainty_where_the_truncated_gaussian_turns_back()
    {
        double[] sigmas = [0.1, 0.5, 1.0, 2.0];
        var logNormal = sigmas.Select(s => PoissonLimits.Cls(0, 0.2, 0, LogNormal(s))).ToArray();
        var gaussian = sigmas.Select(s => PoissonLimits.Cls(0, 0.2, 0, s)).ToArray();

        for (var i = 1; i < sigmas.Length; i++) Assert.True(logNormal[i] > logNormal[i - 1], string.Join(", ", logNormal));
        // Truncated at zero, a Gaussian of width 2 has mean ≈ 1.8: the signal looks larger, the limit smaller.
        Assert.True(gaussian[3] < gaussian[2], string.Join(", ", gaussian));
        // At 10% the two priors agree to 10⁻³ of N_up (SignalScalePrior's documentation).
        Assert.Equal(1, logNormal[0] / gaussian[0], 3);
    }

    [Fact]
    public void Every_method_takes_the_prior_and_a_wider_one_gives_a_weaker_limit()
    {
        foreach (var method in new[] { LimitMethod.Cls, LimitMethod.FeldmanCousins, LimitMethod.Classical })
        {
            var known = PoissonLimits.UpperLimit(method, 1, 0.5, 0, 0);
            var wide = PoissonLimits.UpperLimit(method, 1, 0.5, 0, LogNormal(0.3));
            Assert.True(wide > known, $"{method}: {wide} vs {known}");
        }
        Assert.Equal(PoissonLimits.Cls(2, 1, 0.1, 0), PoissonLimits.Cls(2, 1, 0.1, LogNormal(0)));
    }
}
