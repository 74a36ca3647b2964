using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class APrimeEmitterTests
{
    private static readonly DetectorConditions s_conditions = DetectorConditions.Default;

    /// <summary>The default conditions without the exact-tree-level correction (k = 1).</summary>
    internal static readonly DetectorConditions Uncorrected =
        s_conditions with { APrime = s_conditions.APrime with { KFactorTable = KFactorTable.Unity } };

    [Fact]
    public void Same_seed_gives_the_same_emissions()
    {
        var emitter = new APrimeEmitter(s_conditions, 16.7);
        var a = new EventRandom(42);
        var b = new EventRandom(42);
        for (var i = 0; i < 100; i++)
            Assert.Equal(emitter.Emit(ref a, 100), emitter.Emit(ref b, 100));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(16.7)]
    [InlineData(1000.0)]
    public void Emissions_are_signal_like_and_inside_the_ECAL(double massMeV)
    {
        var emitter = new APrimeEmitter(s_conditions, massMeV);
        var rng = new EventRandom(7);
        var depth = s_conditions.Ecal.PreshowerX0 + s_conditions.Ecal.MainX0;
        for (var i = 0; i < 3000; i++)
        {
            var e0 = 100 * (1 + 0.01 * rng.NextGaussian());
            var e = emitter.Emit(ref rng, e0);
            Assert.True(e.EnergyGeV >= 0.5 * e0 && e.EnergyGeV <= e0, $"E_A' = {e.EnergyGeV} for E0 = {e0}");
            Assert.True(e.ParentEnergyGeV > e.EnergyGeV && e.ParentEnergyGeV <= e0);
            Assert.True(e.Weight > 0);
            Assert.InRange(e.DepthX0, 0, depth);
        }
    }

    [Fact]
    public void Weight_in_a_thin_target_is_atoms_times_cross_section_times_thickness()
    {
        // 0.002 X₀: most electrons cross without a hard photon, so the weight is exactly N_X0 σ(E₀) t.
        var thin = s_conditions with { Ecal = s_conditions.Ecal with { PreshowerX0 = 0.001, MainX0 = 0.001 } };
        var emitter = new APrimeEmitter(thin, 16.7);
        var expected = emitter.AtomsPerCm2PerX0 * emitter.CrossSectionCm2(100, 50) * 0.002;
        var rng = new EventRandom(3);
        var exact = 0;
        for (var i = 0; i < 200; i++)
            if (Math.Abs(emitter.Emit(ref rng, 100).Weight / expected - 1) < 1e-12) exact++;
        Assert.True(exact > 180, $"{exact} of 200 at N σ t");
    }

    [Fact]
    public void Tabulated_cross_section_matches_the_direct_integral()
    {
        var emitter = new APrimeEmitter(Uncorrected, 16.7);
        var direct = APrimeCrossSection.TotalCrossSectionGeV2(100, 0.0167, 0.5, 82, 207.2) * APrimeCrossSection.GeV2ToCm2;
        Assert.Equal(1.0, emitter.CrossSectionCm2(100, 50) / direct, 2);
    }

    [Fact]
    public void Yield_is_in_the_expected_band_and_falls_with_mass()
    {
        var y17 = new APrimeEmitter(s_conditions, 16.7).EstimateYieldPerEot(100, 4000, 1);
        var y100 = new APrimeEmitter(s_conditions, 100).EstimateYieldPerEot(100, 4000, 1);
        var y1000 = new APrimeEmitter(s_conditions, 1000).EstimateYieldPerEot(100, 4000, 1);
        Assert.InRange(y17, 1e-4, 1e-2);
        // Roughly 1/m², softened by the ln(m/m_e) of the x → 1 peak and by χ.
        Assert.InRange(y17 / y100, (100 / 16.7) * (100 / 16.7) / 3, (100 / 16.7) * (100 / 16.7) * 1.5);
        Assert.True(y1000 < y100 / 50, $"Y(1 GeV) = {y1000}, Y(100 MeV) = {y100}");
    }

    [Fact]
    public void Energy_fraction_of_a_heavy_A_prime_is_peaked_towards_one()
    {
        var emitter = new APrimeEmitter(s_conditions, 100);
        var rng = new EventRandom(11);
        int high = 0, low = 0;
        for (var i = 0; i < 4000; i++)
        {
            var e = emitter.Emit(ref rng, 100);
            var x = e.EnergyGeV / e.ParentEnergyGeV;
            if (x > 0.9) high++;
            else if (x < 0.6) low++;
        }
        Assert.True(high > 2 * low, $"x > 0.9: {high}, x < 0.6: {low}");
    }

    [Fact]
    public void K_factor_multiplies_the_iww_weight()
    {
        var doubled = s_conditions with
        {
            APrime = s_conditions.APrime with
            {
                KFactorTable = new KFactorTable { Source = "test", MassesMeV = [1, 100], EnergiesGeV = [100], K = [[2.0], [2.0]] },
            },
        };
        var plain = new APrimeEmitter(Uncorrected, 16.7);
        var twice = new APrimeEmitter(doubled, 16.7);
        Assert.Equal(2.0, twice.KFactorAt(100));
        var a = new EventRandom(5);
        var b = new EventRandom(5);
        for (var i = 0; i < 20; i++)
            Assert.Equal(2.0, twice.Emit(ref b, 100).Weight / plain.Emit(ref a, 100).Weight, 12);
    }

    [Fact]
    public void Effective_track_length_above_half_the_beam_energy_is_about_one_radiation_length()
    {
        // Y = N_X0 σ(E₀) L: L is the σ-weighted path of the leader above E₀/2. The Bethe–Heitler energy distribution
        // of the primary alone gives ∫ P(E > E₀/2) dt ≈ 0.82 X₀ (docs/aprime-production.md).
        var emitter = new APrimeEmitter(s_conditions, 16.7);
        var y = emitter.EstimateYieldPerEot(100, 4000, 2);
        var length = y / (emitter.AtomsPerCm2PerX0 * emitter.CrossSectionCm2(100, 50));
        Assert.InRange(length, 0.65, 1.0);
    }
}
