using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

/// <summary>A background known only as b ∈ [0, b_up]: the limit is the largest over the interval.</summary>
public sealed class BackgroundBoundTests
{
    [Theory]
    [InlineData(LimitMethod.Classical, 0, 0.0)]
    [InlineData(LimitMethod.Classical, 2, 0.0)]
    [InlineData(LimitMethod.Classical, 1, 0.2)]
    [InlineData(LimitMethod.Cls, 0, 0.0)]
    [InlineData(LimitMethod.Cls, 3, 0.0)]
    [InlineData(LimitMethod.Cls, 1, 0.2)]
    public void Classical_and_cls_limits_never_rise_with_b_so_a_bound_takes_b_zero(LimitMethod method, int n, double sigmaS)
    {
        var atZero = PoissonLimits.UpperLimit(method, n, 0, 0, sigmaS);
        // Scanned here on a grid finer than the library's: never above the value at b = 0.
        for (var b = 0.1; b <= 3; b += 0.1)
            Assert.True(PoissonLimits.UpperLimit(method, n, b, 0, sigmaS) <= atZero * (1 + 1e-12), $"b = {b}");
        foreach (var upper in new[] { 0.5, 1.148, 3.0 })
        {
            var (nUp, background) = PoissonLimits.ConservativeOverBound(method, n, upper, sigmaS, 0.9);
            Assert.Equal(atZero, nUp);
            Assert.Equal(0, background);
            Assert.Equal(atZero, PoissonLimits.UpperLimit(method, n, BackgroundInput.UpperBound(upper), sigmaS));
        }
    }

    [Fact]
    public void Cls_for_zero_events_is_the_same_at_every_b_of_the_bound() =>
        Assert.Equal(-Math.Log(0.1), PoissonLimits.UpperLimitForBound(LimitMethod.Cls, 0, 5), 9);

    [Fact]
    public void Feldman_cousins_bound_is_found_by_evaluation_across_the_jumps()
    {
        // The n = 0 limit jumps up inside [0, 4] (at b ≈ 2.33 to 1.26, at b ≈ 3.46 to 1.08) but never back to the
        // 2.436 of b = 0 (FC Table IV, b = 0: 2.44).
        var (nUp, background) = PoissonLimits.ConservativeOverBound(LimitMethod.FeldmanCousins, 0, 4, 0, 0.9);
        Assert.Equal(PoissonLimits.FeldmanCousins(0, 0), nUp);
        Assert.Equal(0, background);
        Assert.InRange(nUp, 2.43, 2.45);
    }

    [Fact]
    public void A_bound_is_weaker_than_the_same_number_taken_as_a_gaussian_width()
    {
        // b = 0 ± 1.148 assumes ⟨b'⟩ ≈ 0.92 (the half-Gaussian mean σ√(2/π)); the bound assumes nothing below 1.148.
        foreach (var method in new[] { LimitMethod.Classical, LimitMethod.FeldmanCousins })
        {
            var bound = PoissonLimits.UpperLimit(method, 0, BackgroundInput.UpperBound(1.148));
            var width = PoissonLimits.UpperLimit(method, 0, BackgroundInput.Estimate(0, 1.148));
            Assert.True(bound > 1.15 * width, $"{method}: bound {bound}, width {width}");
        }
        // Classical: 2.303 against ln(10 erfcx(1.148/√2)) = 1.579.
        Assert.Equal(Math.Log(10 * GaussianReference.Erfcx(1.148 / Math.Sqrt(2))), PoissonLimits.UpperLimit(LimitMethod.Classical, 0, BackgroundInput.Estimate(0, 1.148)), 9);
    }

    [Fact]
    public void An_estimate_gives_the_limit_of_its_mean_and_width()
    {
        var input = BackgroundInput.Estimate(1, 0.5);
        Assert.Equal(PoissonLimits.Cls(2, 1, 0.5, 0.1), PoissonLimits.UpperLimit(LimitMethod.Cls, 2, input, 0.1));
        Assert.Equal(BackgroundKind.Estimate, input.Kind);
        Assert.True(double.IsNaN(input.Upper));
    }

    [Fact]
    public void Inputs_are_validated_and_scale()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BackgroundInput.UpperBound(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackgroundInput.UpperBound(double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackgroundInput.Estimate(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => BackgroundInput.Estimate(1, -0.1));
        Assert.Equal(BackgroundInput.UpperBound(4), BackgroundInput.UpperBound(0.5).Scaled(8));
        Assert.Equal(BackgroundInput.Estimate(2, 1), BackgroundInput.Estimate(0.25, 0.125).Scaled(8));
        Assert.Equal("upper-bound", BackgroundInput.UpperBound(1).KindName);
        Assert.Equal("estimate", BackgroundInput.None.KindName);
    }
}
