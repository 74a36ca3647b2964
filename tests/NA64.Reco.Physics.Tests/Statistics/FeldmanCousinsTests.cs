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
