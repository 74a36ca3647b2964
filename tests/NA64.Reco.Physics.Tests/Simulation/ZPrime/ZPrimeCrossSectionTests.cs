using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Tests.Support;

namespace NA64.Reco.Physics.Tests.Simulation.ZPrime;

public sealed class ZPrimeCrossSectionTests
{
    private const int Lead = 82;
    private const double LeadA = 207.2;
    private static readonly ZPrimeCrossSection s_lead = new(Lead, LeadA, 160);

    [Theory]
    [InlineData(1e-13)]
    [InlineData(1e-9)]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    public void Photon_flux_table_agrees_with_direct_integration(double tMin)
    {
        // Simpson in ln t over [t_min, E₀²] of (t − t_min)/t · G₂(t), independent of the table's cumulative sums.
        var direct = Simpson.Integrate(u =>
        {
            var t = Math.Exp(u);
            return (t - tMin) / t * APrimeCrossSection.FormFactorG2(t, Lead, LeadA);
        }, Math.Log(tMin), 2 * Math.Log(160.0), 40000);
        Assert.Equal(direct, s_lead.PhotonFlux(tMin), direct * 1e-5);
    }

    [Theory]
    [InlineData(0.001, 0.3)]
    [InlineData(0.01, 0.6)]
    [InlineData(0.1, 0.9)]
    [InlineData(1.0, 0.99)]
    public void Angular_integral_at_fixed_flux_is_the_closed_form_with_the_muon_mass(double massGeV, double x)
    {
        // With χ fixed, sin θ ≈ θ and θ_max → ∞, ∫ dθ of the double differential is
        // (g²α²/4π)(β/x)[2(2 − 2x + x²)/V − (2/3)(m² + 2m_μ²) x(1 − x)/V²], V = m²(1 − x)/x + m_μ²x:
        // BEST's A14 form of the A' (APrimeCrossSection) with m_e → m_μ and m² → m² + 2m_μ² in the second term.
        const double e0 = 160;
        var mu2 = MuonPairCrossSection.MuonMassGeV * MuonPairCrossSection.MuonMassGeV;
        var m2 = massGeV * massGeV;
        var v = m2 * (1 - x) / x + mu2 * x;
        var beta = Math.Sqrt(x * x - m2 / (e0 * e0));
        var alpha2 = APrimeCrossSection.Alpha * APrimeCrossSection.Alpha;
        var closed = alpha2 / (4 * Math.PI) * (beta / x) *
            (2 * (2 - 2 * x + x * x) / v - 2.0 / 3 * (m2 + 2 * mu2) * x * (1 - x) / (v * v));

        // Simpson in ln θ from 10⁻⁴ θ_c (the part below, ∝ θ², is 10⁻⁸ of the whole) to 0.3.
        var thetaC = s_lead.CharacteristicAngle(x, massGeV);
        var numeric = Simpson.Integrate(
            u => ZPrimeCrossSection.DifferentialPerCouplingSquared(x, Math.Exp(u), massGeV, e0, 1) * Math.Exp(u),
            Math.Log(1e-4 * thetaC), Math.Log(ZPrimeCrossSection.MaxAngleRad), 20000);
        // What remains is sin θ ≠ θ and θ ≤ 0.3: both of order (θ_c/0.3)², below 10⁻³ here.
        Assert.Equal(closed, numeric, closed * 1e-3);
    }

    [Theory]
    [InlineData(0.001, 0.5)]
    [InlineData(0.01, 0.0)]
    [InlineData(0.1, 0.5)]
    [InlineData(1.0, 0.5)]
    public void Total_agrees_with_an_independent_double_quadrature(double massGeV, double minFraction)
    {
        // Simpson over y = ln(1 − x) and ln θ on fixed grids, against the adaptive nested Gauss–Kronrod.
        var (yLow, yHigh) = s_lead.FractionRange(massGeV, minFraction);
        var grid = Simpson.Integrate(y =>
        {
            var oneMinusX = Math.Exp(y);
            var x = 1 - oneMinusX;
            if (!(x * 160 > massGeV)) return 0;
            var inner = Simpson.Integrate(
                u => s_lead.DifferentialPerCouplingSquared(x, Math.Exp(u), massGeV) * Math.Exp(u),
                Math.Log(1e-4 * s_lead.CharacteristicAngle(x, massGeV)), Math.Log(ZPrimeCrossSection.MaxAngleRad), 800);
            return inner * oneMinusX;
        }, yLow, yHigh, 800);
        var adaptive = s_lead.TotalPerCouplingSquared(massGeV, minFraction);
        Assert.Equal(grid, adaptive, grid * 1e-4);
    }

    [Fact]
    public void Cross_section_falls_with_mass_and_with_the_energy_threshold()
    {
        double Sigma(double m, double xMin) => s_lead.TotalPerCouplingSquared(m, xMin);
        Assert.True(Sigma(0.001, 0) > Sigma(0.01, 0) && Sigma(0.01, 0) > Sigma(0.1, 0) && Sigma(0.1, 0) > Sigma(1, 0));
        Assert.True(Sigma(0.01, 0) > Sigma(0.01, 0.5) && Sigma(0.01, 0.5) > Sigma(0.01, 0.9));
        // Heavy Z' take most of the energy: the cut x ≥ 1/2 keeps 95% at 1 GeV, 16% at 10 MeV.
        Assert.InRange(Sigma(1, 0.5) / Sigma(1, 0), 0.9, 0.99);
        Assert.InRange(Sigma(0.01, 0.5) / Sigma(0.01, 0), 0.1, 0.25);
        // No emission above the beam energy.
        Assert.Equal(0, Sigma(170, 0));
    }

    [Fact]
    public void Cross_section_scales_about_as_the_square_of_the_nuclear_charge()
    {
        // Coherent emission off the nucleus: σ ∝ Z² up to the screening and nuclear-size logarithms of χ.
        var tungsten = new ZPrimeCrossSection(74, 183.84, 160);
        var ratio = s_lead.TotalPerCouplingSquared(0.05, 0.5) / tungsten.TotalPerCouplingSquared(0.05, 0.5);
        Assert.InRange(ratio, 0.95 * (82.0 * 82) / (74 * 74), 1.05 * (82.0 * 82) / (74 * 74));
    }
}
