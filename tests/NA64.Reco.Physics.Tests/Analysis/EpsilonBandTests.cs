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
        Assert.Equal(10, band.PeakEvents, 1e-8);
        Assert.Equal(3e-4, band.PeakEpsilon, 3e-4 * 1e-9);
    }

    [Fact]
    public void A_peak_that_reaches_the_limit_only_between_two_scan_points_still_has_its_band()
    {
        // Scan points are 40 per decade over 10⁻⁷…10⁻¹ (ln step 0.0576); the peak sits half-way between points 100 and
        // 101, where the tent of half-width 0.05 reads 1.06 < N_up.
        var step = Math.Log(1e6) / 240;
        var epsilonPeak = Math.Exp(Math.Log(1e-7) + 100.5 * step);
        var band = EpsilonBand.Solve(Tent(2.5, epsilonPeak, 0.05), 2.3);
        Assert.True(band.Excludes);
        Assert.Equal(2.5, band.PeakEvents, 1e-8);
        var offset = 0.05 * (1 - 2.3 / 2.5);
        Assert.Equal(epsilonPeak * Math.Exp(-offset), band.Low, epsilonPeak * 1e-10);
        Assert.Equal(epsilonPeak * Math.Exp(offset), band.High, epsilonPeak * 1e-10);
    }

    [Fact]
    public void A_peak_below_the_limit_excludes_nothing()
    {
        var band = EpsilonBand.Solve(Tent(2.0, 3e-4, 2), 2.3);
        Assert.False(band.Excludes);
        Assert.True(double.IsNaN(band.Low) && double.IsNaN(band.High));
        Assert.Equal(3e-4, band.PeakEpsilon, 3e-4 * 1e-9);
        Assert.Equal(2.0, band.PeakEvents, 1e-8);
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
