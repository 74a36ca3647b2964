using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonSpectrometerTests
{
    private static MuonSpectrometer Of(double fieldTm, double planeMm, double leverM, double materialX0, double planeEfficiency = 1) =>
        MuonSpectrometer.Of(new SetupSpectrometer("MS", fieldTm, planeMm, planeEfficiency, leverM, materialX0, "test"));

    [Fact]
    public void Planes_alone_give_a_resolution_that_grows_with_the_momentum()
    {
        // 7 T·m bend a 100 GeV muon by 0.2998 × 7 / 100 = 20.99 mrad; planes of 0.1 mm 1 m apart measure the kink to
        // 2 × 0.1 mm / 1 m = 0.2 mrad: σ_p/p = 0.2 / 20.99 = 0.953 %, twice that at twice the momentum.
        var spectrometer = Of(7, 0.1, 1, 0);
        Assert.Equal(0.299792458 * 7 / 100, spectrometer.BendRad(100), 15);
        Assert.Equal(2e-4, spectrometer.KinkResolutionRad(100), 15);
        Assert.Equal(0.0095304027, spectrometer.RelativeResolution(100), 9);
        Assert.Equal(2 * spectrometer.RelativeResolution(100), spectrometer.RelativeResolution(200), 12);
    }

    [Fact]
    public void Scattering_alone_gives_a_resolution_that_hardly_depends_on_the_momentum()
    {
        // θ₀ and the bend both fall as 1/p (β ≈ 1 above a few GeV): σ_p/p = θ₀ p / (0.2998 ∫B dl), 0.0136 √(x/X₀)
        // [1 + 0.038 ln(x/X₀)] / (0.2998 × 7) = 0.083 % for 2.24 % X₀.
        var spectrometer = Of(7, 1e-4, 100, 0.0224);
        Assert.Equal(1, spectrometer.RelativeResolution(20) / spectrometer.RelativeResolution(200), 1e-4);
        Assert.Equal(8.2993e-4, spectrometer.RelativeResolution(160), 1e-8);
    }

    [Fact]
    public void Measured_kinks_scatter_by_the_resolution_about_the_bend()
    {
        var spectrometer = Of(3.5, 0.1, 1, 0.0224);
        const int draws = 40_000;
        double sum = 0, squares = 0;
        for (var i = 0; i < draws; i++)
        {
            var rng = EventRandom.ForEvent(8, 0, i);
            var kink = MuonSpectrometer.BendConstant * 3.5 / spectrometer.Measure(160, ref rng);
            sum += kink;
            squares += kink * kink;
        }
        var mean = sum / draws;
        var sigma = Math.Sqrt(squares / draws - mean * mean);
        var expected = spectrometer.KinkResolutionRad(160);
        Assert.Equal(spectrometer.BendRad(160), mean, 4 * expected / Math.Sqrt(draws));
        Assert.Equal(expected, sigma, 0.02 * expected);
    }

    [Fact]
    public void A_kink_of_the_wrong_sign_measures_no_momentum()
    {
        // 10 mm planes 1 cm apart: a 2 rad resolution on a 1 mrad bend, so about half the kinks have the wrong sign.
        var spectrometer = Of(1, 10, 0.01, 0);
        int infinite = 0;
        for (var i = 0; i < 1000; i++)
        {
            var rng = EventRandom.ForEvent(9, 0, i);
            var p = spectrometer.Measure(300, ref rng);
            Assert.True(p > 0, $"measured {p}");
            if (double.IsPositiveInfinity(p)) infinite++;
        }
        Assert.InRange(infinite, 400, 600);
    }

    [Fact]
    public void A_track_is_found_when_all_four_planes_measure_it()
    {
        // 0.97⁴ = 0.885: the default conditions' Micromegas, as the invisible mode's single-track cut finds (§7a).
        var spectrometer = Of(7, 0.1, 1, 0.0224, 0.97);
        Assert.Equal(Math.Pow(0.97, 4), spectrometer.TrackEfficiency, 15);
        const int muons = 40_000;
        var found = 0;
        for (var i = 0; i < muons; i++)
        {
            var rng = EventRandom.ForEvent(12, 0, i);
            if (!double.IsNaN(spectrometer.Measure(80, ref rng))) found++;
        }
        var expected = spectrometer.TrackEfficiency;
        Assert.Equal(expected, (double)found / muons, 4 * Math.Sqrt(expected * (1 - expected) / muons));
        Assert.Equal(1, Of(7, 0.1, 1, 0.0224).TrackEfficiency);
    }

    [Fact]
    public void A_muon_that_turns_back_inside_the_field_leaves_no_track()
    {
        // Its radius p/(0.2998 B) is shorter than the field's length L when 0.2998 B L / p ≥ 1: below 2.1 GeV at 7 T·m.
        var spectrometer = Of(7, 0.1, 1, 0.0224);
        var rng = new EventRandom(5);
        Assert.True(double.IsNaN(spectrometer.Measure(2.0, ref rng)));
        Assert.InRange(spectrometer.Measure(2.2, ref rng), 1.5, 3.5);
    }

    [Fact]
    public void Without_a_spectrometer_the_momentum_is_exact_and_draws_nothing()
    {
        var exact = MuonSpectrometer.Of(null);
        var rng = new EventRandom(4);
        var untouched = new EventRandom(4);
        Assert.Equal(123.4, exact.Measure(123.4, ref rng));
        Assert.Equal(0, exact.RelativeResolution(123.4));
        Assert.Equal(untouched.NextUInt64(), rng.NextUInt64());
    }
}
