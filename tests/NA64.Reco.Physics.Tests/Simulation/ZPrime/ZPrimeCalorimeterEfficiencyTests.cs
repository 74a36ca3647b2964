using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;

namespace NA64.Reco.Physics.Tests.Simulation.ZPrime;

public sealed class ZPrimeCalorimeterEfficiencyTests
{
    private static readonly APrimeTarget s_ecal = APrimeTarget.EcalOf(DetectorConditions.Default);

    [Fact]
    public void With_thresholds_at_the_cut_it_is_the_mean_probability_of_no_transfer()
    {
        // Thresholds equal to the cut pass an event exactly when neither calorimeter saw a transfer: per event
        // exp(−n_ECAL(E₀) d − n_ECAL(E') (L − d) − n_HCAL(E') L_H), E' = E₀ − E_Z', averaged over the same emissions.
        const double cut = 0.15;
        const int events = 20_000;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        var ecal = new MuonTransferTable(82, 207.2, cut, MuonCalorimeterPassage.MinEnergyGeV);
        var hcal = new MuonTransferTable(26, 55.845, cut, MuonCalorimeterPassage.MinEnergyGeV);
        var emitter = new ZPrimeEmitter(s_ecal, 100, 160);
        double expected = 0, variance = 0;
        for (var i = 0; i < events; i++)
        {
            var rng = EventRandom.ForEvent(11, 0, i);
            var emission = emitter.Emit(ref rng);
            var outgoing = 160 - emission.EnergyGeV;
            var before = emission.DepthX0 / s_ecal.DepthX0 * passage.Ecal.ThicknessGPerCm2;
            var mean = ecal.CountPerGram(160) * before;
            if (outgoing >= MuonCalorimeterPassage.MinEnergyGeV)
                mean += ecal.CountPerGram(outgoing) * (passage.Ecal.ThicknessGPerCm2 - before) + hcal.CountPerGram(outgoing) * passage.Hcal.ThicknessGPerCm2;
            var p = Math.Exp(-mean);
            expected += p;
            variance += p * (1 - p);
        }
        var (efficiency, _) = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, cut, cut, events, 11);
        Assert.Equal(expected / events, efficiency, 4 * Math.Sqrt(variance) / events);
    }

    [Fact]
    public void Same_seed_same_efficiency()
    {
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var emitter = new ZPrimeEmitter(s_ecal, 10, 160);
        Assert.Equal(ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5), ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5));
        Assert.NotEqual(ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 5), ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, 0.3, 2, 2000, 6));
    }
}
