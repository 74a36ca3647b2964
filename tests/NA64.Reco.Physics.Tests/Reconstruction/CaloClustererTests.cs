using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.Reconstruction;

public sealed class CaloClustererTests
{
    private static readonly DetectorConditions C = TestEvents.C;

    private static RecoEvent Ecal(RawEvent raw)
    {
        var reco = RecoEvent.For(C);
        new CaloClusterer(C).ReconstructEcal(raw, reco);
        return reco;
    }

    [Fact]
    public void A_symmetric_pattern_has_its_centre_at_the_cell_centre()
    {
        var raw = RawEvent.For(C);
        const int ix = 3, iy = 3, nx = 6;
        raw.EcalMainKeV[iy * nx + ix] = 10_000_000;
        foreach (var (dx, dy) in new[] { (1, 0), (-1, 0), (0, 1), (0, -1) }) raw.EcalMainKeV[(iy + dy) * nx + ix + dx] = 500_000;
        foreach (var (dx, dy) in new[] { (1, 1), (-1, 1), (1, -1), (-1, -1) }) raw.EcalPreshowerKeV[(iy + dy) * nx + ix + dx] = 100_000;

        var reco = Ecal(raw);

        var (x, y) = new DetectorGeometry(C).EcalCellCentre(ix, iy);
        Assert.Equal(x, reco.EcalCentreXMm, 9);
        Assert.Equal(y, reco.EcalCentreYMm, 9);
        Assert.Equal(iy * nx + ix, reco.EcalCentreCell);
        Assert.Equal(iy * nx + ix, reco.EcalMaxCell);
        Assert.Equal(12.4, reco.EcalTotalGeV, 12);
        Assert.Equal(0.4, reco.EcalPreshowerGeV, 12);
        Assert.Equal(12.0, reco.EcalMainGeV, 12);
        Assert.Equal(12.4, reco.EcalClusterGeV, 12);
        var d = (4 * 0.5 * C.Ecal.CellMm + 4 * 0.1 * C.Ecal.CellMm * Math.Sqrt(2)) / 12.4;
        Assert.Equal(d, reco.EcalDispersionMm, 9);
        Assert.Equal(6, reco.EcalShapeNdf);
    }

    [Fact]
    public void The_profile_holds_the_whole_shower_and_is_symmetric()
    {
        var profile = new EcalShowerProfile(C.Ecal);
        double sum = 0;
        for (var dy = -200; dy <= 200; dy++)
        for (var dx = -200; dx <= 200; dx++) sum += profile.CellFraction(0.1, -0.2, dx, dy);
        Assert.Equal(1.0, sum, 4);
        Assert.Equal(profile.CellFraction(0.3, 0, 1, 0), profile.CellFraction(-0.3, 0, -1, 0), 14);
        Assert.Equal(profile.CellFraction(0.2, 0.1, 0, 0), profile.CellFraction(0.1, 0.2, 0, 0), 14);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.2, -0.3)]
    [InlineData(-0.45, 0.1)]
    public void A_shower_with_the_expected_profile_is_found_where_it_entered_with_a_small_chi2(double u, double v)
    {
        var raw = RawEvent.For(C);
        TestEvents.AddShower(raw, 2, 3, u, v, 60, 0.1);

        var reco = Ecal(raw);

        var (x, y) = new DetectorGeometry(C).EcalCellCentre(2, 3);
        Assert.Equal(x + u * C.Ecal.CellMm, reco.EcalCentreXMm, 0.5);
        Assert.Equal(y + v * C.Ecal.CellMm, reco.EcalCentreYMm, 0.5);
        Assert.InRange(reco.EcalShapeChi2, 0, 0.2);
    }

    [Fact]
    public void Fluctuated_electron_showers_give_a_chi2_of_order_one_and_a_flat_deposit_fails()
    {
        var rng = new EventRandom(7);
        var profile = new EcalShowerProfile(C.Ecal);
        var clusterer = new CaloClusterer(C);
        var reco = RecoEvent.For(C);
        double sum = 0;
        const int showers = 400;
        for (var n = 0; n < showers; n++)
        {
            var raw = RawEvent.For(C);
            double u = rng.NextDouble() - 0.5, v = rng.NextDouble() - 0.5, e0 = 80;
            for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                var e = e0 * profile.CellFraction(u, v, dx, dy);
                var sigma = Math.Sqrt(0.1 * 0.1 * e + Math.Pow(0.015 * e, 2) + Math.Pow(CaloClusterer.ProfileUncertainty * e, 2) + 2 * 0.02 * 0.02);
                raw.EcalMainKeV[(3 + dy) * 6 + 3 + dx] = (int)Math.Max(0, (e + sigma * rng.NextGaussian()) * 1e6);
            }
            clusterer.ReconstructEcal(raw, reco);
            sum += reco.EcalShapeChi2;
        }
        Assert.InRange(sum / showers, 0.5, 3.0);

        var flat = RawEvent.For(C);
        for (var dy = -1; dy <= 1; dy++)
        for (var dx = -1; dx <= 1; dx++) flat.EcalMainKeV[(3 + dy) * 6 + 3 + dx] = dx == 0 && dy == 0 ? 12_000_000 : 6_000_000;
        clusterer.ReconstructEcal(flat, reco);
        Assert.True(reco.EcalShapeChi2 > C.Cuts.ShowerShapeChi2Max, $"χ² {reco.EcalShapeChi2}");
    }

    [Fact]
    public void An_empty_ecal_has_no_centre()
    {
        var reco = Ecal(RawEvent.For(C));
        Assert.Equal(-1, reco.EcalMaxCell);
        Assert.Equal(-1, reco.EcalCentreCell);
        Assert.True(double.IsNaN(reco.EcalShapeChi2));
        Assert.Equal(0, reco.EcalTotalGeV);
    }

    [Fact]
    public void Hcal_sums_modules_and_finds_its_maximum()
    {
        var raw = RawEvent.For(C);
        raw.HcalKeV[4] = 1_500_000;          // module 0, central cell
        raw.HcalKeV[9 + 4] = 700_000;        // module 1
        raw.HcalKeV[27 + 8] = 2_000_000;     // module 3, corner
        var reco = RecoEvent.For(C);

        new CaloClusterer(C).ReconstructHcal(raw, reco);

        Assert.Equal([1.5, 0.7, 0.0, 2.0], reco.HcalModuleGeV);
        Assert.Equal(4.2, reco.HcalTotalGeV, 12);
        Assert.Equal(35, reco.HcalMaxCell);
    }
}
