using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Physics.Tests.Analysis;

public sealed class MuonAnomalyTests
{
    [Fact]
    public void Loop_integral_has_its_light_and_heavy_limits()
    {
        // m ≪ m_μ: ∫(1 − x) dx = 1/2, Δa_μ = g²/8π².
        Assert.Equal(0.5, MuonAnomaly.LoopIntegral(0), 1e-14);
        // Its leading correction: ∫ x²/(x² + r²) dx falls short of ∫ dx by (π/2) r.
        var light = 1e-3 / MuonAnomaly.MuonMassMeV;
        Assert.Equal(Math.PI / 2 * light, 0.5 - MuonAnomaly.LoopIntegral(1e-3), Math.PI / 2 * light * 1e-3);
        // m ≫ m_μ: 1/(3 r²), up to corrections of order ln(r²)/r².
        var r = 100e3 / MuonAnomaly.MuonMassMeV;
        Assert.Equal(1, MuonAnomaly.LoopIntegral(100e3) * 3 * r * r, 1e-4);
    }

    [Fact]
    public void Loop_integral_at_the_muon_mass_is_its_closed_form()
    {
        // r = 1: the integrand is x²(1 − x)/(x² − x + 1) = −x + x/(x² − x + 1), so I = −1/2 + π/(3√3).
        Assert.Equal(-0.5 + Math.PI / (3 * Math.Sqrt(3)), MuonAnomaly.LoopIntegral(MuonAnomaly.MuonMassMeV), 1e-12);
    }

    [Fact]
    public void Favoured_couplings_bracket_the_discrepancy()
    {
        var anomaly = new MuonAnomaly(249e-11, 48e-11, "test");
        var (low, high) = anomaly.FavouredCouplings(1);
        Assert.Equal(249e-11 - 96e-11, MuonAnomaly.ZPrimeContribution(low, 1), 1e-22);
        Assert.Equal(249e-11 + 96e-11, MuonAnomaly.ZPrimeContribution(high, 1), 1e-22);
        // Light Z': g ≈ √(8π² Δa_μ) ≈ 4.4 × 10⁻⁴ at the centre.
        Assert.InRange(Math.Sqrt(low * high), 4.0e-4, 4.5e-4);
        // A discrepancy compatible with zero at 2σ leaves no lower edge; one below zero even at +2σ, no band.
        Assert.Equal(0, new MuonAnomaly(38e-11, 63e-11, "test").FavouredCouplings(1).Low);
        Assert.True(double.IsNaN(new MuonAnomaly(-200e-11, 50e-11, "test").FavouredCouplings(1).High));
    }
}
