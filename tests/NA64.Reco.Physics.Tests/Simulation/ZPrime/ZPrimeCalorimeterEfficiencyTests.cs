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
    public void With_thresholds_at_the_cut_it_lies_between_the_bounds_of_no_transfer()
    {
        // Thresholds equal to the cut pass an event exactly when neither calorimeter saw a transfer and the muon left the
        // ECAL. The count per g/cm² n(E) rises with E, and the muon only slows: so per event P is at least
        // exp(−n_E(E₀) d − n_E(E') (L − d) − n_H(E') L_H), E' = E₀ − E_Z' held over the whole path, and at most
        // exp(−n_E(E₀) d) if E' can leave the ECAL's lead at all. The estimate over the same emissions lies between.
        const double cut = 0.15;
        const int events = 20_000;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        const double min = MuonCalorimeterPassage.MinEnergyGeV;
        var ecal = MuonTransferTable.Shared(82, 207.2, cut, min, passage.MaxEnergyGeV);
        var hcal = MuonTransferTable.Shared(26, 55.845, cut, min, passage.MaxEnergyGeV);
        var lead = MuonStopping.Of(MuonMaterial.Lead);
        var emitter = new ZPrimeEmitter(s_ecal, 100, 160);
        double Count(MuonTransferTable table, double e) => e >= min ? table.CountPerGram(e) : 0;
        double low = 0, high = 0;
        for (var i = 0; i < events; i++)
        {
            var rng = EventRandom.ForEvent(11, 0, i);
            var emission = emitter.Emit(ref rng);
            var before = emission.DepthX0 / s_ecal.DepthX0 * passage.Ecal.ThicknessGPerCm2;
            var rest = passage.Ecal.ThicknessGPerCm2 - before;
            var outgoing = 160 - emission.EnergyGeV;
            if (!(lead.Range(outgoing) > rest)) continue;
            var first = Count(ecal, 160) * before;
            high += Math.Exp(-first);
            low += Math.Exp(-first - Count(ecal, outgoing) * rest - Count(hcal, outgoing) * passage.HcalModules * passage.HcalModuleGPerCm2);
        }
        var (efficiency, _) = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, cut, cut, events, 11);
        var error = 4 * Math.Sqrt(0.25 / events);
        Assert.InRange(efficiency, low / events - error, high / events + error);
        Assert.True(high / events - low / events > 0.05, "the bounds are apart: the test can tell the HCAL's transfers from none");
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
