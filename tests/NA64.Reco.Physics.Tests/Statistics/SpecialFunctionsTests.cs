using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.57236494292470008)] // ln √π
    [InlineData(10.0, 12.801827480081469)] // ln 9!
    [InlineData(0.1, 2.2527126517342059)] // ln Γ(0.1) = ln 9.5135076986687318
    public void Log_gamma_matches_closed_forms(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 12);

    [Theory]
    [InlineData(1e-12)]
    [InlineData(-1e-12)]
    [InlineData(3e-7)]
    [InlineData(-0.25)]
    [InlineData(2.0)]
    public void ExpM1_keeps_its_relative_precision_near_zero(double x)
    {
        // The series x + x²/2 + x³/6 + x⁴/24 + x⁵/120 is exact to 1e-16 for |x| ≤ 3e-3; beyond it eˣ − 1 is.
        var reference = Math.Abs(x) <= 3e-3 ? x * (1 + x / 2 * (1 + x / 3 * (1 + x / 4 * (1 + x / 5)))) : Math.Exp(x) - 1;
        Assert.Equal(reference, SpecialFunctions.ExpM1(x), Math.Abs(reference) * 4e-16);
        Assert.Equal(-1, SpecialFunctions.ExpM1(-800));
        Assert.Equal(1e-300, SpecialFunctions.ExpM1(1e-300));
    }

    [Fact]
    public void Incomplete_beta_matches_closed_forms()
    {
        // I_x(1, b) = 1 − (1 − x)^b and I_x(a, 1) = x^a.
        Assert.Equal(1 - Math.Pow(0.7, 5), SpecialFunctions.RegularizedIncompleteBeta(1, 5, 0.3), 14);
        Assert.Equal(Math.Pow(0.3, 4), SpecialFunctions.RegularizedIncompleteBeta(4, 1, 0.3), 14);
        // I_{1/2}(a, a) = 1/2 by symmetry, for a large a as well.
        Assert.InRange(SpecialFunctions.RegularizedIncompleteBeta(2500, 2500, 0.5), 0.5 - 1e-10, 0.5 + 1e-10);
    }

    [Theory]
    [InlineData(3.0, 10.0, 0.025)]
    [InlineData(0.37, 12.6, 0.8)]
    [InlineData(500.0, 2.0, 1e-6)]
    [InlineData(1e-3, 50.0, 0.5)] // root near 1e-301: deep lower tail
    public void Inverse_incomplete_beta_inverts(double a, double b, double p)
    {
        var x = SpecialFunctions.InverseRegularizedIncompleteBeta(a, b, p);
        Assert.InRange(SpecialFunctions.RegularizedIncompleteBeta(a, b, x), p * (1 - 1e-9), p * (1 + 1e-9));
    }

    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.1572992070502851)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(3.0, 2.209049699858544e-05)]
    [InlineData(5.0, 1.537459794428035e-12)]
    [InlineData(-1.0, 1.842700792949715)] // 2 − erfc(1)
    public void Erfc_matches_the_table(double x, double expected) =>
        Assert.InRange(SpecialFunctions.Erfc(x), expected * (1 - 1e-13), expected * (1 + 1e-13));

    [Fact]
    public void Erfc_agrees_with_an_independent_series_and_continued_fraction()
    {
        for (var x = -2.0; x <= 14; x += 0.25)
            Assert.InRange(SpecialFunctions.Erfc(x) / GaussianReference.Erfc(x), 1 - 1e-9, 1 + 1e-9);
        Assert.Equal(0.5, SpecialFunctions.NormalCdf(0), 15);
        Assert.Equal(0.5 * 0.1572992070502851, SpecialFunctions.NormalCdf(-Math.Sqrt(2)), 14);
    }

    [Fact]
    public void Poisson_cdf_is_the_sum_of_probabilities()
    {
        // Direct sum of e^{-μ} μ^k / k! for μ = 3.7, n = 6.
        double term = Math.Exp(-3.7), sum = term;
        for (var k = 1; k <= 6; k++) sum += term *= 3.7 / k;
        Assert.Equal(sum, Poisson.Cdf(6, 3.7), 14);
        Assert.Equal(1.0, Poisson.Cdf(0, 0));
        Assert.Equal(Math.Exp(-2.5), Poisson.Cdf(0, 2.5), 15);
    }

    [Theory]
    [InlineData(0.2, 0)]
    [InlineData(0.69, 0)] // P(0) = e^{-0.69} = 0.5016 ≥ 1/2
    [InlineData(0.7, 1)] // P(0) = 0.4966
    [InlineData(3.0, 3)]
    [InlineData(100.0, 100)]
    public void Poisson_median(double mean, int median) => Assert.Equal(median, Poisson.Median(mean));
}
