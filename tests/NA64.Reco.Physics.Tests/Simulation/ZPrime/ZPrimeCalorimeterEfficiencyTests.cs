using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Tests.Support;

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
        var efficiency = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, MuonSetups.SelectionWithThresholds(cut, cut), events, 11).Efficiency;
        var error = 4 * Math.Sqrt(0.25 / events);
        Assert.InRange(efficiency, low / events - error, high / events + error);
        Assert.True(high / events - low / events > 0.05, "the bounds are apart: the test can tell the HCAL's transfers from none");
    }

    [Fact]
    public void Same_seed_same_efficiency()
    {
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var emitter = new ZPrimeEmitter(s_ecal, 10, 160);
        var selection = MuonSetups.SelectionWithThresholds(0.3, 2);
        var flow = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, selection, 2000, 5);
        Assert.Equal(flow.PassedAfter, ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, selection, 2000, 5).PassedAfter);
        Assert.NotEqual(flow.PassedAfter, ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, selection, 2000, 6).PassedAfter);
    }

    [Fact]
    public void The_cut_flow_falls_cut_by_cut_to_the_efficiency()
    {
        // The setup's order: outgoing momentum (all pass: the emissions start at x = 1 − p_max/E₀), the muon leaving the
        // ECAL (all but the few that range out), then each calorimeter's threshold, which takes its share of the transfers.
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        var emitter = new ZPrimeEmitter(s_ecal, 10, 160);
        var flow = ZPrimeCalorimeterEfficiency.Estimate(emitter, passage, MuonSetups.SelectionWithThresholds(0.3, 2), 4000, 3);
        Assert.Equal(["outgoing-momentum", "muon-leaves-ecal", "ecal-quiet", "hcal-quiet"], flow.Cuts);
        Assert.Equal(4000, flow.PassedAfter[0]);
        Assert.InRange(flow.PassedAfter[1], 3980, 4000);
        Assert.InRange(flow.PassedAfter[2], 0.7 * 4000, 0.9 * 4000);
        Assert.InRange(flow.PassedAfter[3], 0.45 * 4000, flow.PassedAfter[2] - 200);
        Assert.Equal(flow.PassedAfter[3] / 4000.0, flow.Efficiency);
    }
}
