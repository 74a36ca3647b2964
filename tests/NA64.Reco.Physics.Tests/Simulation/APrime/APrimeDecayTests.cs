using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class APrimeDecayTests
{
    [Fact]
    public void Lab_decay_length_matches_the_rule_of_thumb_of_Bjorken_Essig_Schuster_Toro()
    {
        // BEST (PRD 80 (2009) 075018, §II): γcτ ≈ 0.8 cm (E/10 GeV) (10⁻⁴/ε)² (100 MeV/m)², for m ≫ m_e.
        var length = APrimeDecay.DecayLengthCm(10, 0.1, 1e-4);
        Assert.InRange(length, 0.8 * 0.97, 0.8 * 1.03);
        // It scales as E/(ε² m²): twice the energy and the mass at half the coupling is twice as long.
        Assert.Equal(2 * length, APrimeDecay.DecayLengthCm(20, 0.2, 0.5e-4), 1e-6 * length);
    }

    [Fact]
    public void Width_is_alpha_epsilon_squared_m_over_three_far_above_threshold_and_vanishes_at_it()
    {
        var far = APrimeDecay.WidthGeV(1.0, 1e-3);
        Assert.Equal(1.0 / 137.035999 * 1e-6 / 3, far, 1e-6 * far);
        Assert.Equal(0, APrimeDecay.WidthGeV(2 * APrimeCrossSection.ElectronMassGeV, 1e-3));
        Assert.Equal(0, APrimeDecay.WidthGeV(1.9 * APrimeCrossSection.ElectronMassGeV, 1e-3));
        Assert.True(double.IsPositiveInfinity(APrimeDecay.ProperLengthCm(1e-4, 1e-3)));
        // Γ ∝ ε²: a coupling ten times weaker lives a hundred times longer.
        Assert.Equal(100 * APrimeDecay.ProperLengthCm(0.0167, 1e-3), APrimeDecay.ProperLengthCm(0.0167, 1e-4), 1e-9);
    }

    [Fact]
    public void Probability_to_decay_in_a_window_has_its_limits()
    {
        // λ ≫ b: (b − a)/λ, to the relative precision the ExpM1 form keeps.
        Assert.Equal(1e-12, APrimeDecay.ProbabilityBetween(1e14, 10, 110), 1e-12 * 1e-9);
        // λ = a: e⁻¹ − e^(−b/a).
        Assert.Equal(Math.Exp(-1) - Math.Exp(-3), APrimeDecay.ProbabilityBetween(10, 10, 30), 1e-15);
        // λ ≪ a: nothing survives the dump.
        Assert.Equal(0, APrimeDecay.ProbabilityBetween(1e-3, 10, 30));
        Assert.Equal(0, APrimeDecay.ProbabilityBetween(double.PositiveInfinity, 10, 30));
        Assert.Equal(0, APrimeDecay.ProbabilityBetween(10, 30, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => APrimeDecay.ProbabilityBetween(10, -1, 30));
    }
}
