using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

public sealed class PoissonLimitsTests
{
    [Theory]
    [InlineData(0, 2.303)] // −ln 0.1
    [InlineData(1, 3.890)]
    [InlineData(2, 5.322)]
    [InlineData(3, 6.681)]
    public void Classical_limits_without_background_match_the_table(int n, double expected) =>
        Assert.InRange(PoissonLimits.Classical(n, 0), expected - 0.0005, expected + 0.0005);

    [Fact]
    public void Classical_limit_solves_the_poisson_sum()
    {
        // P(n' ≤ 3 | s + 1.2) = 0.1 at the limit.
        var mu = PoissonLimits.Classical(3, 1.2) + 1.2;
        var p = Math.Exp(-mu) * (1 + mu + mu * mu / 2 + mu * mu * mu / 6);
        Assert.InRange(p, 0.1 - 1e-10, 0.1 + 1e-10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(3.0)]
    public void Cls_limit_for_zero_events_does_not_depend_on_background(double b)
    {
        Assert.Equal(-Math.Log(0.1), PoissonLimits.Cls(0, b), 9);
        // Nor on the background uncertainty: ⟨e^{−s−b'}⟩ / ⟨e^{−b'}⟩ = e^{−s}.
        Assert.Equal(-Math.Log(0.1), PoissonLimits.Cls(0, b, backgroundUncertainty: 0.3 * b), 9);
    }

    [Fact]
    public void Cls_for_one_event_over_one_background_solves_the_closed_form()
    {
        // CLs(s) = e^{−s}(2 + s)/2 for n = 1, b = 1.
        var s = PoissonLimits.Cls(1, 1);
        Assert.Equal(0.1, Math.Exp(-s) * (2 + s) / 2, 10);
        Assert.InRange(s, 3.25, 3.30);
    }

    [Fact]
    public void Classical_limits_grow_with_n_and_fall_with_b()
    {
        var previous = 0.0;
        for (var n = 0; n <= 8; n++)
        {
            var limit = PoissonLimits.Classical(n, 1.5);
            Assert.True(limit > previous, $"n = {n}: {limit} <= {previous}");
            previous = limit;
        }
        Assert.True(PoissonLimits.Classical(3, 0.5) > PoissonLimits.Classical(3, 1.5));
        Assert.True(PoissonLimits.Classical(3, 1.5) > PoissonLimits.Classical(3, 2.5));
        // b far above n: even s = 0 is excluded, the classical limit is empty (0).
        Assert.Equal(0, PoissonLimits.Classical(0, 5));
    }

    [Fact]
    public void Signal_scale_uncertainty_matches_the_gaussian_moment()
    {
        // n = 0, b = 0: ⟨e^{−k s}⟩ = e^{−s + s²σ²/2} for k ~ Gauss(1, σ) (truncation 10σ away is negligible).
        const double sigma = 0.1;
        var expected = (1 - Math.Sqrt(1 - 2 * sigma * sigma * -Math.Log(0.1))) / (sigma * sigma);
        Assert.Equal(expected, PoissonLimits.Classical(0, 0, signalRelativeUncertainty: sigma), 6);
        Assert.Equal(expected, PoissonLimits.Cls(0, 2, signalRelativeUncertainty: sigma), 6);
    }

    [Fact]
    public void Background_uncertainty_matches_the_gaussian_moment()
    {
        // Classical, n = 0: ⟨e^{−s−b'}⟩ = e^{−s − b + σ²/2}, so s = −ln 0.1 − b + σ²/2 (truncation 5σ away).
        Assert.InRange(PoissonLimits.Classical(0, 1, backgroundUncertainty: 0.2), -Math.Log(0.1) - 1 + 0.02 - 1e-5, -Math.Log(0.1) - 1 + 0.02 + 1e-5);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.15)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    public void Classical_limit_over_a_half_gaussian_background_matches_the_closed_form(double sigma)
    {
        // n = 0, b = 0 ± σ: e^{−s} ⟨e^{−b'}⟩ = 0.1 with ⟨e^{−b'}⟩ = erfcx(σ/√2) for the Gaussian truncated at 0, so
        // s = ln(10 erfcx(σ/√2)); from σ ≈ 8 on even s = 0 is excluded and the classical limit is empty (0).
        var expected = Math.Max(0, Math.Log(10 * GaussianReference.Erfcx(sigma / Math.Sqrt(2))));
        var limit = PoissonLimits.Classical(0, 0, backgroundUncertainty: sigma);
        Assert.InRange(limit, expected - 1e-9 * Math.Max(1, expected), expected + 1e-9 * Math.Max(1, expected));
        if (sigma <= 5) Assert.True(limit > 0);
        // CLs at n = 0 is e^{−s} whatever the background prior.
        Assert.Equal(-Math.Log(0.1), PoissonLimits.Cls(0, 0, backgroundUncertainty: sigma), 9);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Classical_limit_with_a_wide_signal_scale_prior_matches_the_closed_form(double sigma)
    {
        // n = 0, b = 0: ⟨e^{−ks}⟩ = 0.1 for k ~ Gauss(1, σ_s) truncated at 0; check the defining equation at the limit.
        var s = PoissonLimits.Classical(0, 0, signalRelativeUncertainty: sigma);
        Assert.InRange(GaussianReference.MeanExp(s, 1, sigma), 0.1 * (1 - 1e-9), 0.1 * (1 + 1e-9));
    }

    [Fact]
    public void Uncertainties_weaken_the_limit()
    {
        var none = PoissonLimits.Cls(2, 1);
        Assert.True(PoissonLimits.Cls(2, 1, signalRelativeUncertainty: 0.2) > none);
        Assert.True(PoissonLimits.Cls(2, 1, backgroundUncertainty: 0.5, signalRelativeUncertainty: 0.2) > none);
        Assert.Equal(none, PoissonLimits.Cls(2, 1, signalRelativeUncertainty: 1e-7), 5);
    }

    [Fact]
    public void Median_expected_uses_the_median_count()
    {
        Assert.Equal(PoissonLimits.Cls(0, 0.3), PoissonLimits.MedianExpected(LimitMethod.Cls, 0.3));
        Assert.Equal(PoissonLimits.Cls(3, 3.2), PoissonLimits.MedianExpected(LimitMethod.Cls, 3.2));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.Cls(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.Cls(0, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.Cls(0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.Cls(0, 1, cl: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.Cls(0, 800));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonLimits.FeldmanCousins(0, 1, backgroundUncertainty: -1));
    }
}
