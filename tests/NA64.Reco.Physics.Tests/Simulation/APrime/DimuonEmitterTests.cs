using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

public sealed class DimuonEmitterTests
{
    private static readonly DetectorConditions s_conditions = DetectorConditions.Default;

    [Fact]
    public void Same_seed_gives_the_same_pairs()
    {
        var emitter = new DimuonEmitter(s_conditions);
        var a = new EventRandom(9);
        var b = new EventRandom(9);
        for (var i = 0; i < 100; i++)
            Assert.Equal(emitter.Emit(ref a, 100), emitter.Emit(ref b, 100));
    }

    [Fact]
    public void Muon_energies_are_physical_and_the_pair_is_made_inside_the_ECAL()
    {
        var emitter = new DimuonEmitter(s_conditions);
        var rng = new EventRandom(13);
        var depth = s_conditions.Ecal.PreshowerX0 + s_conditions.Ecal.MainX0;
        var hard = 0;
        var meanDepth = 0.0;
        const int n = 3000;
        for (var i = 0; i < n; i++)
        {
            var e = emitter.Emit(ref rng, 100);
            Assert.True(e.MuPlusEnergyGeV >= MuonPairCrossSection.MuonMassGeV);
            Assert.True(e.MuMinusEnergyGeV >= MuonPairCrossSection.MuonMassGeV);
            Assert.True(e.MuPlusEnergyGeV + e.MuMinusEnergyGeV <= 100);
            Assert.InRange(e.DepthX0, 0, depth);
            if (e.MuPlusEnergyGeV + e.MuMinusEnergyGeV > 50) hard++;
            meanDepth += e.DepthX0 / n;
        }
        // Made early in the shower (photons of the leader, 9/7 X₀ later): the muons cross most of the ECAL.
        Assert.InRange(meanDepth, 1, 6);
        // Hard pairs, which leave the ECAL below E₀/2, are a sizeable minority (σ_μμ grows with k, brems falls as 1/k).
        Assert.InRange(hard / (double)n, 0.03, 0.4);
    }

    [Fact]
    public void Muon_pair_cross_section_is_the_electron_one_scaled_by_the_mass_ratio()
    {
        Assert.Equal(0.0, MuonPairCrossSection.CrossSectionCm2(0.4, 82, 207.2));
        var s10 = MuonPairCrossSection.CrossSectionCm2(10, 82, 207.2);
        var s100 = MuonPairCrossSection.CrossSectionCm2(100, 82, 207.2);
        Assert.True(s100 > s10 && s10 > 0);
        // e⁺e⁻: σ = (7/9) A / (N_A X₀ρ) per atom (Pb X₀ = 6.37 g/cm²).
        var electronPair = 7.0 / 9.0 * 207.2 / (APrimeCrossSection.Avogadro * 6.37);
        var ratio = s100 / electronPair;
        var massRatio2 = Math.Pow(APrimeCrossSection.ElectronMassGeV / MuonPairCrossSection.MuonMassGeV, 2);
        Assert.InRange(ratio / massRatio2, 0.3, 1.0);
    }

    [Fact]
    public void Pair_rate_from_the_leading_particle_is_of_order_1e_minus_5()
    {
        var rate = new DimuonEmitter(s_conditions).EstimatePairsPerEot(100, 3000, 17);
        Assert.InRange(rate, 1e-5, 2e-4);
    }
}
