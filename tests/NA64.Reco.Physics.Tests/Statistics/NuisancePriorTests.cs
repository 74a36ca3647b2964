using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Tests.Statistics;

/// <summary>
/// The averages over the truncated Gaussian priors against closed forms (<see cref="GaussianReference"/>), across the
/// whole range of widths: the prior of the background or of the signal scale may be much wider than the scale on which
/// the Poisson probabilities vary.
/// </summary>
public sealed class NuisancePriorTests
{
    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.15)]
    [InlineData(2.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    public void Zero_count_average_over_a_half_gaussian_background_is_exact(double sigma)
    {
        // b' ~ Gauss(0, σ) truncated at 0: ⟨e^{−b'}⟩ = e^{σ²/2} erfc(σ/√2) = erfcx(σ/√2).
        var exact = GaussianReference.Erfcx(sigma / Math.Sqrt(2));
        Relative(exact, GaussianReference.MeanExp(1, 0, sigma), 1e-12);
        Relative(exact, NuisancePrior.Create(0, sigma, 0).AverageCdf(0, 0), 1e-8);
        // One count: ⟨b' e^{−b'}⟩, also through the belt's vector of probabilities.
        var one = GaussianReference.MeanXExp(1, 0, sigma);
        Relative(exact + one, NuisancePrior.Create(0, sigma, 0).AverageCdf(1, 0), 1e-8);
        var p = new double[400];
        NuisancePrior.Create(0, sigma, 0).AverageProbabilities(0, p);
        Assert.InRange(p[0] - exact, -1e-7, 1e-7);
        Assert.InRange(p[1] - one, -1e-7, 1e-7);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.15)]
    [InlineData(5.0)]
    [InlineData(20.0)]
    public void Background_average_away_from_the_truncation_is_exact(double sigma)
    {
        // b = 1: e^{−1 + σ²/2} Φ((1 − σ²)/σ) / Φ(1/σ), and its first moment.
        var zero = GaussianReference.MeanExp(1, 1, sigma);
        var one = GaussianReference.MeanXExp(1, 1, sigma);
        var prior = NuisancePrior.Create(1, sigma, 0);
        Relative(zero, prior.AverageCdf(0, 0), 1e-8);
        Relative(zero + one, prior.AverageCdf(1, 0), 1e-8);
        // With a signal s on top: P(n' ≤ 0 | s + b') = e^{−s} e^{−b'}.
        Relative(Math.Exp(-2.5) * zero, prior.AverageCdf(0, 2.5), 1e-8);
    }

    [Theory]
    [InlineData(0.1, 2.3)]
    [InlineData(0.5, 2.3)]
    [InlineData(1.0, 5.0)]
    [InlineData(2.0, 1.0)]
    [InlineData(5.0, 2.3)]
    public void Signal_scale_average_is_exact(double sigma, double signal)
    {
        // k ~ Gauss(1, σ_s) truncated at 0: ⟨e^{−ks}⟩ and ⟨(1 + ks) e^{−ks}⟩.
        var zero = GaussianReference.MeanExp(signal, 1, sigma);
        var one = signal * GaussianReference.MeanXExp(signal, 1, sigma);
        var prior = NuisancePrior.Create(0, 0, sigma);
        Relative(zero, prior.AverageCdf(0, signal), 1e-8);
        Relative(zero + one, prior.AverageCdf(1, signal), 1e-8);
    }

    [Fact]
    public void Both_nuisances_factorise_into_the_two_closed_forms()
    {
        // P(n' ≤ 1 | ks + b') = e^{−ks} e^{−b'} (1 + ks + b'), and k, b' are independent.
        const double b = 0.8, sigmaB = 1.5, sigmaS = 0.4, s = 3.0;
        double a0 = GaussianReference.MeanExp(s, 1, sigmaS), a1 = s * GaussianReference.MeanXExp(s, 1, sigmaS);
        double c0 = GaussianReference.MeanExp(1, b, sigmaB), c1 = GaussianReference.MeanXExp(1, b, sigmaB);
        var prior = NuisancePrior.Create(b, sigmaB, sigmaS);
        Relative(a0 * c0, prior.AverageCdf(0, s), 1e-8);
        Relative(a0 * c0 + a1 * c0 + a0 * c1, prior.AverageCdf(1, s), 1e-8);
        var p = new double[200];
        prior.AverageProbabilities(s, p);
        Assert.InRange(p[0] - a0 * c0, -1e-7, 1e-7);
        Assert.InRange(p[1] - (a1 * c0 + a0 * c1), -1e-7, 1e-7);
        Assert.InRange(p.Sum(), 1 - 1e-7, 1 + 1e-7);
    }

    [Fact]
    public void Without_uncertainties_the_average_is_the_poisson_probability()
    {
        var prior = NuisancePrior.Create(1.2, 0, 0);
        Assert.True(prior.IsTrivial);
        Assert.Equal(Poisson.Cdf(3, 3.2), prior.AverageCdf(3, 2));
        var p = new double[40];
        prior.AverageProbabilities(2, p);
        for (var n = 0; n < 12; n++) Assert.Equal(Poisson.Probability(n, 3.2), p[n], 14);
    }
}
