using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Simulation;

public sealed class ShowerFunctionTests
{
    [Fact]
    public void LogGamma_matches_factorials_and_sqrt_pi()
    {
        Assert.Equal(Math.Log(24), SpecialFunctions.LogGamma(5), 12);
        Assert.Equal(Math.Log(362880), SpecialFunctions.LogGamma(10), 11);
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 12);
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1), 12);
    }

    [Theory]
    [InlineData(1, 0.1)]
    [InlineData(1, 5)]
    [InlineData(3, 2)]
    [InlineData(5, 10)]
    [InlineData(7, 3)]
    [InlineData(12, 30)]
    public void P_of_integer_a_is_one_minus_the_poisson_sum(int a, double x)
    {
        // P(n, x) = 1 − e^{−x} Σ_{k<n} x^k / k!
        var term = 1.0;
        var sum = 0.0;
        for (var k = 0; k < a; k++)
        {
            sum += term;
            term *= x / (k + 1);
        }
        Assert.Equal(1 - Math.Exp(-x) * sum, SpecialFunctions.RegularizedGammaP(a, x), 12);
    }

    [Fact]
    public void P_of_one_half_is_the_error_function_of_sqrt_x()
    {
        Assert.Equal(0.8427007929497149, SpecialFunctions.RegularizedGammaP(0.5, 1), 12); // erf(1)
        Assert.Equal(0.9953222650189527, SpecialFunctions.RegularizedGammaP(0.5, 4), 12); // erf(2)
        Assert.Equal(0.0, SpecialFunctions.RegularizedGammaP(2.5, 0));
    }

    [Fact]
    public void The_table_agrees_with_the_function_across_the_shower_range()
    {
        foreach (var a in new[] { 1.0, 1.33, 2.71, 5.35, 7.77, 9.9, 15.2 })
            foreach (var x in new[] { 0.04, 0.5, 1.37, 2.0, 2.93, 4.44, 10.11, 19.95, 30.0, 47.9 })
                Assert.True(Math.Abs(IncompleteGammaTable.P(a, x) - SpecialFunctions.RegularizedGammaP(a, x)) < 3e-4, $"P({a}, {x})");
        Assert.Equal(0.0, IncompleteGammaTable.P(5, 0));
        Assert.Equal(1.0, IncompleteGammaTable.P(5, 60));
    }

    [Fact]
    public void Fast_normal_has_unit_width_and_the_right_quantiles()
    {
        Assert.Equal(1.959963984540054, FastNormal.Quantile(0.975), 7);
        Assert.Equal(-2.326347874040841, FastNormal.Quantile(0.01), 7);
        Assert.Equal(0.5, FastNormal.Cdf(0), 9);
        Assert.Equal(0.975, FastNormal.Cdf(1.959963984540054), 6);
        Assert.Equal(0.8413447460685429, FastNormal.Cdf(1), 6);
        var rng = new EventRandom(11);
        const int n = 200_000;
        double s = 0, s2 = 0;
        var beyond3 = 0;
        for (var i = 0; i < n; i++)
        {
            var g = FastNormal.Sample(ref rng);
            s += g;
            s2 += g * g;
            if (Math.Abs(g) > 3) beyond3++;
        }
        Assert.InRange(s / n, -0.01, 0.01);
        Assert.InRange(Math.Sqrt(s2 / n), 0.99, 1.01);
        // 2(1 − Φ(3)) = 0.0027: 540 expected, σ ≈ 23.
        Assert.InRange(beyond3, 540 - 100, 540 + 100);
    }
}
