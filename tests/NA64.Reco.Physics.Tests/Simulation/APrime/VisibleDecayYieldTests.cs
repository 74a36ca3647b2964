using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class VisibleDecayYieldTests
{
    /// <summary>A tungsten dump of 30 X₀ in 15 cm, a 20 cm veto gap and a 3 m decay region (the shape of physics.md §8a).</summary>
    private static readonly APrimeTarget s_tungsten =
        new(74, 183.84, 19.3, 0.3504, 30, 0.5, DetectorConditions.Default.APrime.KFactorTableInUse);

    private static readonly DecayVolume s_volume = new(15, 20, 300);

    private static readonly APrimeEmitter s_emitter = new(s_tungsten, 16.7, 150);

    private static readonly VisibleDecayYield s_yield = new(s_emitter, s_volume, 150, 4000, 11);

    [Fact]
    public void Production_is_the_emitters_yield_from_the_same_emissions()
    {
        Assert.Equal(s_emitter.EstimateYieldPerEot(150, 4000, 11), s_yield.ProductionPerEot, 1e-15);
        Assert.True(s_yield.ProductionPerEot > 0);
    }

    [Fact]
    public void Long_lived_X_decay_in_the_region_in_proportion_to_its_length_over_the_decay_length()
    {
        // For λ ≫ 3 m, S(ε) = ε² Σ w (b − a)/λ / n with λ = γβ cτ(ε) ∝ ε⁻²: S ∝ ε⁴, and doubling the region doubles S.
        var small = s_yield.PerEot(1e-7);
        Assert.Equal(Math.Pow(2, 4), s_yield.PerEot(2e-7) / small, 16 * 1e-5);
        var longer = new VisibleDecayYield(s_emitter, s_volume with { DecayEndCm = 580 }, 150, 4000, 11);
        Assert.Equal(2, longer.PerEot(1e-7) / small, 1e-5);
        Assert.True(small < 1e-7 * 1e-7 * s_yield.ProductionPerEot);
    }

    [Fact]
    public void Short_lived_X_decay_inside_the_dump()
    {
        // At ε = 10⁻² a 16.7 MeV X of ~100 GeV flies ~0.04 mm: none reaches the decay region.
        Assert.Equal(0, s_yield.PerEot(1e-2));
        // In between, every X decays somewhere, and at most the produced ones in the region.
        for (var eps = 1e-5; eps < 1e-2; eps *= 1.7)
            Assert.InRange(s_yield.PerEot(eps), 0, eps * eps * s_yield.ProductionPerEot);
    }

    [Fact]
    public void A_decay_region_that_is_not_behind_the_dump_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisibleDecayYield(s_emitter, new DecayVolume(15, 300, 20), 150, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VisibleDecayYield(s_emitter, new DecayVolume(0, 20, 300), 150, 10, 1));
    }
}
