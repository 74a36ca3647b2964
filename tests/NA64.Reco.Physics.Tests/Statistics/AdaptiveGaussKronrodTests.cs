using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

public sealed class AdaptiveGaussKronrodTests
{
    private static AdaptiveGaussKronrod.Integrand Scalar(Func<double, double> f) =>
        (x, wk, k, wd, d) =>
        {
            var y = f(x);
            k[0] += wk * y;
            d[0] += wd * y;
        };

    [Fact]
    public void The_kronrod_rule_alone_integrates_polynomials_to_degree_22()
    {
        // A loose tolerance keeps the single interval: K15 is exact for x²², the embedded G7 only to x¹³.
        var quadrature = new AdaptiveGaussKronrod(1);
        var value = quadrature.Integrate(Scalar(x => Math.Pow(x, 22)), [-1.0, 1.0], 1, 0);
        Assert.Equal(1, quadrature.LastIntervals);
        Assert.Equal(2.0 / 23, value, 15);
    }

    [Theory]
    [InlineData(0.0, Math.PI, 2.0)] // ∫ sin
    [InlineData(0.0, 1.0, 0.6666666666666666)] // ∫ √x: a derivative singular at 0
    public void Smooth_and_endpoint_singular_integrals_meet_the_tolerance(double a, double b, double expected)
    {
        var quadrature = new AdaptiveGaussKronrod(1);
        var value = quadrature.Integrate(Scalar(x => a == 0 && b == 1 ? Math.Sqrt(x) : Math.Sin(x)), [a, b], 0, 1e-12);
        Assert.InRange(value, expected * (1 - 1e-12), expected * (1 + 1e-12));
    }

    [Fact]
    public void An_integrable_singularity_is_resolved_by_bisection()
    {
        // ∫₀¹ x^{−1/2} = 2: only the interval at 0 keeps being split.
        var quadrature = new AdaptiveGaussKronrod(1);
        var value = quadrature.Integrate(Scalar(x => 1 / Math.Sqrt(x)), [0.0, 1.0], 0, 1e-9);
        Assert.InRange(value, 2 * (1 - 1e-9), 2 * (1 + 1e-9));
        Assert.True(quadrature.LastIntervals > 10);
    }

    [Fact]
    public void Per_component_tolerance_holds_for_a_component_many_decades_below_the_others()
    {
        // f = (1, e^{−50x}) on [0, 1]: in the L1 norm the second component (0.02) may carry the whole absolute
        // error; per component it is resolved to the relative tolerance as well.
        AdaptiveGaussKronrod.Integrand f = (x, wk, k, wd, d) =>
        {
            var e = Math.Exp(-50 * x);
            k[0] += wk;
            d[0] += wd;
            k[1] += wk * e;
            d[1] += wd * e;
        };
        var exact = (1 - Math.Exp(-50)) / 50;
        var l1 = new double[2];
        var perComponent = new double[2];
        new AdaptiveGaussKronrod(2).Integrate(f, [0.0, 1.0], l1, 0, 1e-3);
        new AdaptiveGaussKronrod(2, perComponent: true).Integrate(f, [0.0, 1.0], perComponent, 0, 1e-12);
        Assert.Equal(1, l1[0], 14);
        Assert.InRange(perComponent[1], exact * (1 - 1e-12), exact * (1 + 1e-12));
        Assert.Equal(1, perComponent[0], 14);
    }

    [Fact]
    public void An_integrand_that_cannot_meet_the_tolerance_is_an_error_not_a_silent_answer()
    {
        // sin(1/x) oscillates without end towards 0: relative 1e-15 is out of reach within the interval budget.
        var quadrature = new AdaptiveGaussKronrod(1);
        Assert.Throws<ArithmeticException>(() => quadrature.Integrate(Scalar(x => Math.Sin(1 / x) / x), [1e-6, 1.0], 0, 1e-15));
    }
}
