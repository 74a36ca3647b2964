using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class EpsilonBandTests
{
    /// <summary>A tent in ln ε with peak P at ε_p and half-width w: it crosses N_up at ε_p e^(±w(1 − N_up/P)).</summary>
    private static Func<double, double> Tent(double peak, double epsilonPeak, double halfWidth) =>
        eps => peak * Math.Max(0, 1 - Math.Abs(Math.Log(eps / epsilonPeak)) / halfWidth);

    [Fact]
    public void Edges_are_where_the_expected_signal_crosses_the_upper_limit()
    {
        var band = EpsilonBand.Solve(Tent(10, 3e-4, 2), 2.3);
        var offset = 2 * (1 - 2.3 / 10);
        Assert.True(band.Excludes);
        Assert.Equal(3e-4 * Math.Exp(-offset), band.Low, 3e-4 * 1e-10);
        Assert.Equal(3e-4 * Math.Exp(offset), band.High, 3e-4 * 1e-10);
        Assert.Equal(10, band.PeakEvents, 0.5);
    }

    [Fact]
    public void A_peak_below_the_limit_excludes_nothing()
    {
        var band = EpsilonBand.Solve(Tent(2.0, 3e-4, 2), 2.3);
        Assert.False(band.Excludes);
        Assert.True(double.IsNaN(band.Low) && double.IsNaN(band.High));
        Assert.Equal(3e-4, band.PeakEpsilon, 3e-4 * 0.03);
        Assert.InRange(band.PeakEvents, 1.9, 2.0);
    }

    [Fact]
    public void A_band_reaching_the_end_of_the_scan_stops_there()
    {
        var band = EpsilonBand.Solve(eps => 1e6 * eps, 2.3, 1e-7, 1e-1);
        Assert.Equal(2.3e-6, band.Low, 2.3e-6 * 1e-10);
        Assert.Equal(1e-1, band.High);
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EpsilonBand.Solve(Tent(10, 3e-4, 2), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EpsilonBand.Solve(Tent(10, 3e-4, 2), 2.3, 1e-3, 1e-4));
    }
}
