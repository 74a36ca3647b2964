using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Tests.Detector;

public sealed class KFactorTableTests
{
    private static readonly KFactorTable s_table = new()
    {
        Source = "test",
        MassesMeV = [1, 10, 1000],
        EnergiesGeV = [40, 100],
        K = [[1.0, 1.6], [2.0, 2.6], [3.0, 4.2]],
    };

    [Fact]
    public void Nodes_are_exact()
    {
        for (var i = 0; i < s_table.MassesMeV.Length; i++)
            for (var j = 0; j < s_table.EnergiesGeV.Length; j++)
                Assert.Equal(s_table.K[i][j], s_table.At(s_table.MassesMeV[i], s_table.EnergiesGeV[j]), 12);
    }

    [Fact]
    public void Linear_in_energy_between_columns()
    {
        // 70 GeV is half-way from 40 to 100 GeV; 55 GeV a quarter.
        Assert.Equal(1.3, s_table.At(1, 70), 12);
        Assert.Equal(2.15, s_table.At(10, 55), 12);
    }

    [Fact]
    public void Linear_in_log_mass_between_rows()
    {
        // 100 MeV is half-way from 10 to 1000 MeV in ln m (not in m); √10 MeV half-way from 1 to 10.
        Assert.Equal(2.5, s_table.At(100, 40), 12);
        Assert.Equal(1.5, s_table.At(Math.Sqrt(10), 40), 12);
        // Both at once: bilinear.
        Assert.Equal(0.25 * (2.0 + 2.6 + 3.0 + 4.2), s_table.At(100, 70), 12);
    }

    [Fact]
    public void Clamped_outside_the_table()
    {
        Assert.Equal(1.0, s_table.At(0.5, 40), 12);
        Assert.Equal(4.2, s_table.At(3000, 100), 12);
        Assert.Equal(2.0, s_table.At(10, 20), 12);
        Assert.Equal(2.6, s_table.At(10, 160), 12);
        Assert.Equal(4.2, s_table.At(5000, 500), 12);
        Assert.Equal(1.0, s_table.At(0.1, 1), 12);
    }

    [Fact]
    public void Unity_is_one_everywhere()
    {
        foreach (var m in new[] { 0.1, 1, 16.7, 1000, 5000 })
            foreach (var e in new[] { 1.0, 50, 100, 1000 })
                Assert.Equal(1.0, KFactorTable.Unity.At(m, e));
    }
}
