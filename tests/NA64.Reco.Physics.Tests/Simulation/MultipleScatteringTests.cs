using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation;

public sealed class MultipleScatteringTests
{
    private const double Muon = MuonPairCrossSection.MuonMassGeV;

    [Theory]
    // By hand from PDG RPP eq. 34.16: 13.6 MeV / (βp) √(x/X₀) (1 + 0.038 ln(x/(X₀β²))), m_μ = 105.658 MeV.
    [InlineData(10.0, 0.01, 1.1220732e-4)]
    [InlineData(160.0, 0.0224, 1.0885265e-5)]
    [InlineData(80.0, 0.0224, 2.1770545e-5)]
    public void Highland_angle_by_hand(double momentumGeV, double thicknessX0, double expectedRad) =>
        Assert.Equal(expectedRad, MultipleScattering.HighlandAngleRad(momentumGeV, Muon, thicknessX0), 12);

    [Fact]
    public void No_material_no_scattering_and_bad_arguments_are_refused()
    {
        Assert.Equal(0, MultipleScattering.HighlandAngleRad(160, Muon, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleScattering.HighlandAngleRad(160, Muon, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultipleScattering.HighlandAngleRad(0, Muon, 0.1));
    }

    [Fact]
    public void Angle_falls_as_one_over_the_momentum_once_relativistic()
    {
        var at20 = MultipleScattering.HighlandAngleRad(20, Muon, 0.05);
        Assert.Equal(at20 / 10, MultipleScattering.HighlandAngleRad(200, Muon, 0.05), 1e-4 * at20 / 10);
    }
}
