using NA64.Reco.Physics.Simulation.ZPrime;

namespace NA64.Reco.Physics.Tests.Simulation.ZPrime;

public sealed class ZPrimeDecayTests
{
    [Fact]
    public void Invisible_branching_ratio_is_one_below_the_muon_pair_threshold()
    {
        Assert.Equal(1, ZPrimeDecay.InvisibleBranchingRatio(0.01));
        Assert.Equal(1, ZPrimeDecay.InvisibleBranchingRatio(2 * ZPrimeDecay.MuonMassGeV));
    }

    [Fact]
    public void Invisible_branching_ratio_tends_to_one_half_then_one_third()
    {
        // Far above 2m_μ (and below 2m_τ) the μμ width equals the two neutrino widths together.
        Assert.Equal(0.5, ZPrimeDecay.InvisibleBranchingRatio(3.0), 5e-3);
        Assert.Equal(1.0 / 3, ZPrimeDecay.InvisibleBranchingRatio(100.0), 1e-3);
        Assert.True(ZPrimeDecay.InvisibleBranchingRatio(3.0) > 0.5);
    }

    [Fact]
    public void Widths_scale_as_coupling_squared_times_mass()
    {
        Assert.Equal(1e-8 * 0.05 / (12 * Math.PI), ZPrimeDecay.InvisibleWidthGeV(0.05, 1e-4), 1e-20);
        Assert.Equal(4 * ZPrimeDecay.ChargedWidthGeV(1, 1e-4, ZPrimeDecay.MuonMassGeV),
            ZPrimeDecay.ChargedWidthGeV(1, 2e-4, ZPrimeDecay.MuonMassGeV), 1e-20);
        Assert.Equal(0, ZPrimeDecay.ChargedWidthGeV(0.2, 1e-4, ZPrimeDecay.MuonMassGeV));
    }
}
