using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class AbcdBackgroundTests
{
    private static readonly AbcdSidebands s_sidebands = new(50, 1, 80, 11);

    private static Histogram2D Plane() => new EventSummary().EcalVsHcal.Clone();

    private static void Fill(Histogram2D h, double ecal, double hcal, int times)
    {
        for (var i = 0; i < times; i++) h.Fill(ecal, hcal);
    }

    /// <summary>
    /// A = 3 + 1 underflow; B = 8 (near half) + 4 (far half); C = 30 (near) + 10 (far);
    /// D = 6 (near x, near y) + 2 (near x, far y) + 3 (far x, near y) + 1 (far x, far y); and events outside every region.
    /// </summary>
    private static Histogram2D HandFilled()
    {
        var h = Plane();
        Fill(h, 10, 0.5, 3);
        Fill(h, -1, 0.5, 1);
        Fill(h, 20, 3, 8);
        Fill(h, 20, 8, 4);
        Fill(h, 55, 0.5, 30);
        Fill(h, 70, 0.5, 10);
        Fill(h, 55, 3, 6);
        Fill(h, 55, 8, 2);
        Fill(h, 70, 3, 3);
        Fill(h, 70, 8, 1);
        Fill(h, 100, 0.5, 50);
        Fill(h, 20, 50, 7);
        Fill(h, 20, 200, 5);
        return h;
    }

    [Fact]
    public void Extrapolation_is_the_product_ratio()
    {
        var estimate = AbcdBackground.Estimate(HandFilled(), s_sidebands);
        Assert.Equal("abcd", estimate.Method);
        Assert.Equal([4L, 12L, 40L, 12L], estimate.Regions.Select(r => r.Count));
        Assert.Equal(12.0 * 40 / 12, estimate.Expected);
        Assert.Equal(40 * Math.Sqrt(1 / 12.0 + 1 / 40.0 + 1 / 12.0), estimate.StatUncertainty, 12);
        Assert.False(estimate.IsUpperBound);
        Assert.Equal("E_ECAL < 50 GeV, E_HCAL < 1 GeV (signal box)", estimate.Regions[0].Definition);
        Assert.True(estimate.IsDefined);
    }

    [Fact]
    public void Systematic_is_the_largest_half_side_band_shift()
    {
        // ECAL near: 12·30/8 = 45; far: 12·10/4 = 30; HCAL near: 8·40/9; far: 4·40/3 = 53.33 → |53.33 − 40|.
        var estimate = AbcdBackground.Estimate(HandFilled(), s_sidebands);
        Assert.Equal(4 * 40 / 3.0 - 40, estimate.SystUncertainty, 12);
    }

    [Fact]
    public void Side_band_to_the_axis_end_takes_the_overflow()
    {
        var h = Plane();
        Fill(h, 10, 0.5, 1);
        Fill(h, 20, 3, 2);
        Fill(h, 90, 0.5, 3);
        Fill(h, 150, 0.5, 3); // overflow in E_ECAL
        Fill(h, 90, 5, 4);
        var estimate = AbcdBackground.Estimate(h, new AbcdSidebands(50, 1, 120, 11));
        Assert.Equal(6, estimate.Regions[2].Count);
        Assert.Equal(2.0 * 6 / 4, estimate.Expected);
        Assert.Contains("E_ECAL < inf GeV", estimate.Regions[2].Definition);
    }

    [Fact]
    public void Empty_side_band_gives_zero_with_an_upper_bound()
    {
        var h = Plane();
        Fill(h, 55, 0.5, 20);
        Fill(h, 55, 3, 5);
        var estimate = AbcdBackground.Estimate(h, s_sidebands);
        Assert.Equal(0, estimate.Expected);
        Assert.True(estimate.IsDefined);
        // N_B = 0: no estimate, the bound N_A ≤ 1.148 · N_C / N_D.
        Assert.True(estimate.IsUpperBound);
        Assert.Equal(-Math.Log(1 - 0.6826894921370859) * 20 / 5, estimate.UpperBound, 12);
        Assert.True(double.IsNaN(estimate.StatUncertainty));
        Assert.Equal(0, estimate.SystUncertainty);
        Assert.Equal(BackgroundKind.UpperBound, estimate.ForLimits().Kind);
    }

    [Fact]
    public void Empty_normalisation_region_is_undefined()
    {
        var h = Plane();
        Fill(h, 20, 3, 5);
        Fill(h, 55, 0.5, 5);
        var estimate = AbcdBackground.Estimate(h, s_sidebands);
        Assert.False(estimate.IsDefined);
        Assert.True(double.IsNaN(estimate.Expected));
    }

    [Fact]
    public void Boundaries_snap_to_bin_edges_and_come_from_the_cuts()
    {
        var sidebands = AbcdSidebands.FromCuts(DetectorConditions.Default.Cuts);
        Assert.Equal(new AbcdSidebands(50, 1, 80, 11), sidebands);
        var snapped = AbcdBackground.Estimate(HandFilled(), sidebands with { SignalEcalMaxGeV = 50.3 });
        Assert.Equal(40, snapped.Expected);
        Assert.StartsWith("E_ECAL < 50 GeV", snapped.Regions[0].Definition);
        Assert.Throws<ArgumentException>(() => AbcdBackground.Estimate(HandFilled(), sidebands with { EcalSidebandMaxGeV = 50.2 }));
    }
}
