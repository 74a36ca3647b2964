using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonStoppingTests
{
    private const double Mmu = MuonPairCrossSection.MuonMassGeV;

    public static TheoryData<string, double, double, double> Pumas => new()
    {
        // Element, kinetic energy (MeV), ionisation loss (MeV cm²/g) and CSDA range (g/cm²) of PUMAS v1.00's tables
        // (niess/pumas-materials, dedx/muon/iron.txt and lead.txt, commit 66a34de0577dc8ef359b9032b4241c50128e84d9).
        { "Fe", 1e3, 1.581, 640.1 },
        { "Fe", 1e4, 1.942, 5535 },
        { "Pb", 1e3, 1.270, 816.0 },
        { "Pb", 1e4, 1.614, 6681 },
    };

    [Theory]
    [MemberData(nameof(Pumas))]
    public void Ionisation_and_range_agree_with_an_independent_table(string element, double kineticMeV, double lossMeV, double rangeG)
    {
        var stopping = MuonStopping.Of(element == "Fe" ? MuonMaterial.Iron : MuonMaterial.Lead);
        var energy = kineticMeV / 1e3 + Mmu;
        Assert.Equal(lossMeV, stopping.ElectronicLoss(energy) * 1e3, lossMeV * 0.02);
        Assert.Equal(rangeG, stopping.Range(energy), rangeG * 0.02);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(80.0)]
    public void Energy_at_range_inverts_range(double energy)
    {
        var stopping = MuonStopping.Of(MuonMaterial.Iron);
        Assert.Equal(energy, stopping.EnergyAtRange(stopping.Range(energy)), energy * 1e-9);
    }

    [Fact]
    public void Range_grows_with_energy_and_a_GeV_muon_stops_in_one_HCAL_module()
    {
        var iron = MuonStopping.Of(MuonMaterial.Iron);
        var previous = 0.0;
        foreach (var e in new[] { 0.2, 0.5, 1.0, 2.0, 5.0, 20.0, 100.0 })
        {
            var r = iron.Range(e);
            Assert.True(r > previous);
            previous = r;
        }
        // 7.5 λ_I of iron are 991 g/cm²: a 1 GeV muon stops inside the first module, a 2 GeV one crosses it.
        Assert.InRange(iron.Range(1.0), 500, 991);
        Assert.True(iron.Range(2.0) > 991);
    }
}
