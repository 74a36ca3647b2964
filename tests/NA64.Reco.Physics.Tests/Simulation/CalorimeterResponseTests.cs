using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.Simulation;

public sealed class CalorimeterResponseTests
{
    private static readonly DetectorConditions s_c = DetectorConditions.Default;

    [Theory]
    [InlineData(6, 6)]
    [InlineData(3, 3)]
    [InlineData(9, 2)]
    [InlineData(1, 5)]
    public void A_filled_grid_holds_each_cell_s_fraction_to_the_bit(int nx, int ny)
    {
        // Fill computes four cells of a row at a time where it can, the rest one by one: every cell must be Fraction's.
        var table = new LateralProfileTable(38.2, Math.Max(nx, ny) - 1, 0.8, 7, 24.5);
        var into = new double[nx * ny];
        var rng = new Random(17);
        for (var trial = 0; trial < 200; trial++)
        {
            int ix = rng.Next(nx), iy = rng.Next(ny);
            double fx = trial == 0 ? 0 : trial == 1 ? 1 : rng.NextDouble(), fy = rng.NextDouble();
            table.Fill(fx, fy, ix, iy, nx, ny, into);
            var corners = table.Locate(fx, fy);
            for (var jy = 0; jy < ny; jy++)
                for (var jx = 0; jx < nx; jx++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(table.Fraction(corners, jx - ix, jy - iy)), BitConverter.DoubleToInt64Bits(into[jy * nx + jx]));
        }
        var wide = table.MaxOffset + 2; // a grid wider than the table's offsets reach
        Assert.Throws<ArgumentException>(() => table.Fill(0.5, 0.5, 0, 0, wide, ny, new double[wide * ny]));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Fill(0.5, 0.5, nx, 0, nx, ny, into));
    }

    [Fact]
    public void Lateral_fractions_are_symmetric_and_contain_the_shower()
    {
        // 80% core R = 7 mm, 20% tail R = 24.5 mm on 38.2 mm cells, wide enough to hold everything.
        var table = new LateralProfileTable(38.2, 8, 0.8, 7, 24.5);
        var centre = table.Locate(0.5, 0.5);
        var sum = 0.0;
        for (var dy = -8; dy <= 8; dy++)
            for (var dx = -8; dx <= 8; dx++)
            {
                var f = table.Fraction(centre, dx, dy);
                sum += f;
                Assert.Equal(f, table.Fraction(centre, -dx, dy), 9);
                Assert.Equal(f, table.Fraction(centre, dy, dx), 6); // x by Simpson, y analytic
            }
        // Outside ±8.5 cells (325 mm) the tail holds ≈ 0.2 · R_t/(2·325) per side.
        Assert.InRange(sum, 0.995, 1 + 1e-9);
        Assert.InRange(table.Fraction(centre, 0, 0), 0.75, 0.9);

        // Moving the impact towards the right edge of its cell moves energy into the right neighbour.
        var previous = 0.0;
        for (var fx = 0.0; fx <= 1.0; fx += 0.1)
        {
            var right = table.Fraction(table.Locate(fx, 0.5), 1, 0);
            Assert.True(right > previous, $"fraction to the right at fx = {fx}");
            previous = right;
        }
        // On the cell boundary the shower is shared equally.
        var edge = table.Locate(1.0, 0.5);
        Assert.Equal(table.Fraction(edge, 0, 0), table.Fraction(edge, 1, 0), 9);
    }

    [Fact]
    public void Showers_leak_only_near_the_ecal_edges()
    {
        var geometry = new DetectorGeometry(s_c);
        var calo = new CalorimeterSimulator(s_c, geometry);
        var rng = new EventRandom(5);
        var nominalX = geometry.DeflectionRad(100) * (s_c.Ecal.ZM - s_c.Magnet.ZCentreM) * 1000;
        var (cx, cy) = geometry.EcalCellCentre(s_c.Ecal.CentralCellX, s_c.Ecal.CentralCellY);
        Assert.Equal(cx, nominalX, 1); // the deflected beam enters the central cell
        double centralLost = 0, edgeLost = 0;
        const int n = 200;
        var (ex, ey) = geometry.EcalCellCentre(0, 0);
        for (var i = 0; i < n; i++)
        {
            calo.Clear();
            centralLost += calo.AddEmShower(ref rng, 100, new CaloImpact(cx, cy, cx, cy));
            calo.Clear();
            edgeLost += calo.AddEmShower(ref rng, 100, new CaloImpact(ex - 15, ey - 15, ex - 15, ey - 15));
        }
        Assert.InRange(centralLost / n, 0.1, 2.5);        // ~1% through the sides of a 6 × 6 matrix
        Assert.InRange(edgeLost / n, 15, 60);             // a corner cell loses a large part of the shower
        Assert.InRange(calo.EcalCalibration, 1.0, 1.03);  // the calibration undoes the central ~1%
    }

    [Fact]
    public void Digitisation_applies_zero_suppression_and_writes_kev()
    {
        var geometry = new DetectorGeometry(s_c);
        var calo = new CalorimeterSimulator(s_c, geometry);
        var ev = RawEvent.For(s_c);
        var rng = new EventRandom(9);
        calo.Clear();
        calo.Digitize(ref rng, ev);
        // Noise alone (20 MeV) rarely passes a 60 MeV threshold (3σ: 0.13% per channel).
        var fired = 0;
        foreach (var v in ev.EcalMainKeV) if (v != 0) { fired++; Assert.True(v >= 60_000); }
        Assert.InRange(fired, 0, 2);
        var (cx, cy) = geometry.EcalCellCentre(s_c.Ecal.CentralCellX, s_c.Ecal.CentralCellY);
        calo.Clear();
        calo.AddEmShower(ref rng, 100, new CaloImpact(cx, cy, cx, cy));
        calo.Digitize(ref rng, ev);
        var central = s_c.Ecal.CentralCellY * s_c.Ecal.Nx + s_c.Ecal.CentralCellX;
        Assert.InRange(ev.EcalMainKeV[central], 60_000_000, 95_000_000);
        Assert.InRange(ev.EcalPreshowerKeV[central], 500_000, 10_000_000);
    }
}
