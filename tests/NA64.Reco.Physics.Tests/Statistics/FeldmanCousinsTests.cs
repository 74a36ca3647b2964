using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

public sealed class FeldmanCousinsTests
{
    // Feldman & Cousins, PRD 57 (1998) 3873, Table IV (90% C.L.); the paper's μ grid is 0.005 and values are
    // printed to 0.01, so ±0.01 is asserted.
    [Theory]
    [InlineData(0, 0.0, 0.00, 2.44)]
    [InlineData(1, 0.0, 0.11, 4.36)]
    [InlineData(2, 0.0, 0.53, 5.91)]
    [InlineData(3, 0.0, 1.10, 7.42)]
    [InlineData(4, 0.0, 1.47, 8.60)]
    [InlineData(5, 0.0, 1.84, 9.99)]
    [InlineData(6, 3.0, 0.15, 8.47)]
    [InlineData(10, 0.5, 5.00, 16.00)]
    public void Intervals_match_table_IV(int n, double b, double lower, double upper)
    {
        var interval = PoissonLimits.FeldmanCousinsInterval(n, b);
        Assert.InRange(interval.Lower, lower - 0.01, lower + 0.01);
        Assert.InRange(interval.Upper, upper - 0.01, upper + 0.01);
    }

    [Fact]
    public void Upper_limit_for_three_over_three_matches_table_IV() =>
        Assert.InRange(PoissonLimits.FeldmanCousins(3, 3), 4.41, 4.43);

    [Fact]
    public void Zero_events_over_one_background_is_not_the_zero_background_limit()
    {
        // The unified limit for n = 0 falls with b (unlike CLs), and n = 0 at μ = 1, b = 3 lies outside the 90%
        // acceptance region by hand: ranks 4, 5, 3, 2, 6, 1, 7 already sum to 0.931.
        Assert.True(PoissonLimits.FeldmanCousins(0, 1) < PoissonLimits.FeldmanCousins(0, 0.5));
        Assert.True(PoissonLimits.FeldmanCousins(0, 3) < 1.0);
    }

    /// <summary>
    /// Whether n = 0 belongs to the 90% acceptance region at μ for a known b, by the construction of the paper written
    /// out independently: counts ranked by R = P(n | μ + b) / P(n | max(n, b)), added until their probability is ≥ 0.9.
    /// </summary>
    private static bool ZeroIsAccepted(double mu, double b)
    {
        var counts = Enumerable.Range(0, 60).ToArray();
        double P(int n, double mean) => Math.Exp(-mean + n * Math.Log(Math.Max(mean, 1e-300)) - SpecialFunctions.LogGamma(n + 1));
        var ranked = counts.OrderByDescending(n => P(n, mu + b) / P(n, Math.Max(n, b))).ToArray();
        var sum = 0.0;
        foreach (var n in ranked)
        {
            sum += P(n, mu + b);
            if (n == 0) return true;
            if (sum >= 0.9) return false;
        }
        return false;
    }

    [Theory]
    [InlineData(0.0, 2.44)]
    [InlineData(0.5, 1.94)]
    [InlineData(1.0, 1.61)]
    [InlineData(1.5, 1.33)]
    public void Zero_events_up_to_b_1_5_match_table_IV(double b, double upper) =>
        Assert.InRange(PoissonLimits.FeldmanCousins(0, b), upper - 0.01, upper + 0.01);

    [Theory]
    [InlineData(2.0, 1.0805)]
    [InlineData(2.3, 0.9384)]
    [InlineData(2.35, 1.2525)]
    [InlineData(2.5, 1.1805)]
    [InlineData(3.0, 0.9530)]
    [InlineData(4.0, 0.8522)]
    public void Zero_events_beyond_b_1_5_keep_the_standard_construction(double b, double upper)
    {
        // The documented behaviour (docs/statistics.md §3): the plain construction, whose n = 0 limit falls with b
        // and jumps up where the ranking of the counts changes (between b = 2.3 and 2.35: 0.938 → 1.253), rather
        // than the non-increasing values quoted for Table IV there (1.26 at b = 2, 1.08 at 3, 1.01 at 4, which are
        // the limit just past the next jump).
        var limit = PoissonLimits.FeldmanCousins(0, b);
        Assert.InRange(limit, upper - 5e-4, upper + 5e-4);
        // The same edge by the independent construction: n = 0 accepted just below, and nowhere above.
        Assert.True(ZeroIsAccepted(limit - 0.002, b));
        for (var mu = limit + 0.002; mu < limit + 1.5; mu += 0.01) Assert.False(ZeroIsAccepted(mu, b), $"b = {b}: n = 0 accepted at mu = {mu}");
    }

    [Fact]
    public void Limits_are_non_negative_and_grow_with_n()
    {
        var previous = 0.0;
        for (var n = 0; n <= 6; n++)
        {
            var interval = PoissonLimits.FeldmanCousinsInterval(n, 2);
            Assert.True(interval.Lower >= 0);
            Assert.True(interval.Upper > previous);
            previous = interval.Upper;
        }
    }

    [Fact]
    public void Signal_uncertainty_widens_the_upper_limit()
    {
        var known = PoissonLimits.FeldmanCousins(2, 1);
        var uncertain = PoissonLimits.FeldmanCousins(2, 1, signalRelativeUncertainty: 0.2);
        Assert.True(uncertain > known, $"{uncertain} <= {known}");
        Assert.True(uncertain < known + 1.5);
    }

    [Fact]
    public void A_tiny_background_uncertainty_changes_nothing()
    {
        var known = PoissonLimits.FeldmanCousinsInterval(3, 1);
        var uncertain = PoissonLimits.FeldmanCousinsInterval(3, 1, backgroundUncertainty: 1e-6);
        Assert.InRange(uncertain.Upper, known.Upper - 0.01, known.Upper + 0.01);
        Assert.InRange(uncertain.Lower, known.Lower - 0.01, known.Lower + 0.01);
    }
}
