using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class APrimeTheoryUncertaintyTests
{
    private static KFactorTable Constant(double k) => new() { Source = "test", MassesMeV = [1], EnergiesGeV = [100], K = [[k]] };

    [Fact]
    public void Cross_section_difference_is_relative_to_the_ETL_value()
    {
        // σ_ETL = k σ_IWW: k = 0.5 means IWW is twice ETL (difference 100% of ETL), k = 2 half of it (50%).
        Assert.Equal(1.0, APrimeTheoryUncertainty.CrossSectionRelative(Constant(0.5), 100, 100), 12);
        Assert.Equal(0.5, APrimeTheoryUncertainty.CrossSectionRelative(Constant(2.0), 100, 100), 12);
        Assert.Equal(0.0, APrimeTheoryUncertainty.CrossSectionRelative(KFactorTable.Unity, 16.7, 100));
    }

    [Fact]
    public void Default_difference_grows_with_mass_above_a_few_MeV()
    {
        var table = DetectorConditions.Default.APrime.KFactorTable!;
        double Delta(double m) => APrimeTheoryUncertainty.CrossSectionRelative(table, m, 100);
        Assert.InRange(Delta(1), 0.14, 0.18);       // IWW 16% below ETL at 1 MeV
        Assert.InRange(Delta(16.7), 0.15, 0.25);    // 20% above at 16.7 MeV
        Assert.InRange(Delta(1000), 1.6, 1.9);      // ×2.75 at 1 GeV
        double[] masses = [10, 20, 50, 100, 200, 300, 500, 1000];
        for (var i = 1; i < masses.Length; i++) Assert.True(Delta(masses[i]) > Delta(masses[i - 1]), $"at {masses[i]} MeV");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(16.7)]
    [InlineData(1000.0)]
    public void Yield_difference_lies_between_the_cross_section_differences_at_the_ends_of_the_emission_energies(double massMeV)
    {
        // Emission happens at leader energies from E₀/2 to E₀: the yield's k is an average of k over them.
        var c = DetectorConditions.Default;
        var table = c.APrime.KFactorTable!;
        var atHalf = APrimeTheoryUncertainty.CrossSectionRelative(table, massMeV, 50);
        var atBeam = APrimeTheoryUncertainty.CrossSectionRelative(table, massMeV, 100);
        var y = APrimeTheoryUncertainty.YieldRelative(c, massMeV, 4000);
        Assert.InRange(y, Math.Min(atHalf, atBeam) - 1e-3, Math.Max(atHalf, atBeam) + 1e-3);
    }

    [Fact]
    public void Uncorrected_conditions_have_no_difference_to_report()
    {
        var c = DetectorConditions.Default;
        var uncorrected = c with { APrime = c.APrime with { KFactorTable = KFactorTable.Unity } };
        Assert.Equal(0.0, APrimeTheoryUncertainty.YieldRelative(uncorrected, 16.7, 1000));
    }

    [Fact]
    public void Constant_k_gives_the_cross_section_difference_exactly()
    {
        var c = DetectorConditions.Default;
        var halved = c with { APrime = c.APrime with { KFactorTable = Constant(0.5) } };
        Assert.Equal(1.0, APrimeTheoryUncertainty.YieldRelative(halved, 100, 1000), 9);
    }
}
