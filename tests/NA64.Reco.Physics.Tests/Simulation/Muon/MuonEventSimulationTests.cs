using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Tests.Support;

namespace NA64.Reco.Physics.Tests.Simulation.Muon;

public sealed class MuonEventSimulationTests
{
    private static readonly APrimeTarget s_ecal = APrimeTarget.EcalOf(DetectorConditions.Default);

    [Fact]
    public void With_an_exact_beam_and_thresholds_at_the_cut_it_lies_between_the_bounds_of_no_transfer()
    {
        // A monochromatic beam measured exactly, with thresholds equal to the cut: an event passes exactly when neither
        // calorimeter saw a transfer and the muon left the ECAL. The count per g/cm² n(E) rises with E, and the muon only
        // slows: so per event P is at least exp(−n_E(E₀) d − n_E(E') (L − d) − n_H(E') L_H), E' = E₀ − E_Z' held over
        // the whole path, and at most exp(−n_E(E₀) d) if E' can leave the ECAL's lead at all. The estimate over the same
        // emissions (the emitter's draws come first in each event when nothing else is drawn) lies between.
        const double cut = 0.15;
        const int events = 20_000;
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default, cut);
        var simulation = new MuonEventSimulation(MuonSetups.Exact(cut, cut), passage);
        const double min = MuonCalorimeterPassage.MinEnergyGeV;
        var ecal = MuonTransferTable.Shared(82, 207.2, cut, min, passage.MaxEnergyGeV);
        var hcal = MuonTransferTable.Shared(26, 55.845, cut, min, passage.MaxEnergyGeV);
        var lead = MuonStopping.Of(MuonMaterial.Lead);
        var emitter = simulation.EmitterFor(100);
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
        var flow = simulation.Run(emitter, events, 11);
        var error = 4 * Math.Sqrt(0.25 / events);
        Assert.InRange(flow.Efficiency, low / events - error, high / events + error);
        Assert.True(high / events - low / events > 0.05, "the bounds are apart: the test can tell the HCAL's transfers from none");
        // Exactly measured, every emission of x ≥ 1 − 80/160 whose muon leaves the ECAL passes the outgoing momentum cut;
        // the few that range out in the lead have no outgoing track, and fail it there, not at muon-leaves-ecal.
        Assert.Equal(0.5, simulation.MinEmissionFraction);
        Assert.InRange(flow.PassedAfter[0], events - 100, events);
        Assert.Equal(flow.PassedAfter[0], flow.PassedAfter[1]);
    }

    [Fact]
    public void Same_seed_same_cut_flow_for_any_split()
    {
        var simulation = new MuonEventSimulation(MuonSetups.Na64Mu2022, MuonCalorimeterPassage.Of(DetectorConditions.Default));
        var emitter = simulation.EmitterFor(10);
        var flow = simulation.Run(emitter, 2000, 5);
        Assert.NotEqual(flow.PassedAfter, simulation.Run(emitter, 2000, 6).PassedAfter);
        // Any split of the events, merged, is the whole run: a campaign's chunks add up to it.
        var split = simulation.Run(emitter, 0, 700, 5).Merge(simulation.Run(emitter, 1300, 700, 5)).Merge(simulation.Run(emitter, 700, 600, 5));
        Assert.Equal(flow.Events, split.Events);
        Assert.Equal(flow.PassedAfter, split.PassedAfter);
        var beam = simulation.Run(null, 2000, 5);
        Assert.Equal(beam.PassedAfter, simulation.Run(null, 1000, 1000, 5).Merge(simulation.Run(null, 0, 1000, 5)).PassedAfter);
        Assert.Throws<ArgumentException>(() => flow.Merge(flow with { Cuts = ["other", .. flow.Cuts.Skip(1)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => simulation.Run(null, long.MaxValue - 10, 20, 5));
    }

    [Fact]
    public void The_built_in_cut_flow_falls_cut_by_cut_to_the_efficiency()
    {
        // The setup's order: the incoming window (MS1 finds 0.97⁴ of the tracks, ±2.1σ of the beam's spread and MS1's
        // resolution together keep 0.967 of those), the outgoing momentum (MS2 finds 0.97⁴ of the tracks, and about half
        // of the emissions above x_min pass: x_min is lowered to keep the tails that pass), the muon
        // leaving the ECAL, then each calorimeter's threshold, which takes its share of the transfers.
        var simulation = new MuonEventSimulation(MuonSetups.Na64Mu2022, MuonCalorimeterPassage.Of(DetectorConditions.Default));
        var flow = simulation.Run(simulation.EmitterFor(10), 4000, 3);
        Assert.Equal([MuonSelection.IncomingMomentum, MuonSelection.OutgoingMomentum, MuonSelection.LeavesEcal, MuonSelection.EcalQuiet, MuonSelection.HcalQuiet], flow.Cuts);
        Assert.Equal(4000, flow.Events);
        Assert.InRange(flow.PassedAfter[0], 0.83 * 4000, 0.88 * 4000);
        Assert.InRange(flow.PassedAfter[1], 0.35 * flow.PassedAfter[0], 0.55 * flow.PassedAfter[0]);
        Assert.InRange(flow.PassedAfter[2], flow.PassedAfter[1] - 20, flow.PassedAfter[1]);
        Assert.InRange(flow.PassedAfter[3], 0.6 * flow.PassedAfter[2], 0.9 * flow.PassedAfter[2]);
        Assert.InRange(flow.PassedAfter[4], 0.5 * flow.PassedAfter[3], flow.PassedAfter[3] - 100);
    }

    [Fact]
    public void The_incoming_window_keeps_the_beam_its_spread_and_resolution_let_through()
    {
        // MS1 finds the track with probability ε⁴; the measured momentum is then k/κ with κ ~ N(k/E, σ_κ(E)) and
        // E ~ N(160, 0.05 × 160): the window [140, 180] keeps ε⁴ ∫ φ(E) [Φ((k/140 − k/E)/σ_κ) − Φ((k/180 − k/E)/σ_κ)] dE,
        // integrated here by Simpson's rule over ±8σ.
        var setup = MuonSetups.Na64Mu2022;
        var simulation = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(DetectorConditions.Default));
        var spectrometer = simulation.Incoming;
        var (min, max) = simulation.Selection.IncomingRangeGeV!.Value;
        var bend = MuonSpectrometer.BendConstant * setup.Spectrometers!.Incoming.FieldIntegralTm;
        var sigma = setup.Beam!.MomentumSpread * 160;
        double Kept(double e)
        {
            var s = spectrometer.KinkResolutionRad(e);
            return SpecialFunctions.NormalCdf((bend / min - bend / e) / s) - SpecialFunctions.NormalCdf((bend / max - bend / e) / s);
        }
        const int steps = 2000;
        var h = 16 * sigma / steps;
        var expected = 0.0;
        for (var k = 0; k <= steps; k++)
        {
            var e = 160 - 8 * sigma + k * h;
            var weight = k == 0 || k == steps ? 1 : k % 2 == 1 ? 4 : 2;
            expected += weight * Math.Exp(-0.5 * Math.Pow((e - 160) / sigma, 2)) / (sigma * Math.Sqrt(2 * Math.PI)) * Kept(e);
        }
        expected *= h / 3 * spectrometer.TrackEfficiency;
        const int events = 20_000;
        var kept = (double)simulation.Run(null, events, 17).PassedAfter[0] / events;
        Assert.Equal(expected, kept, 4 * Math.Sqrt(expected * (1 - expected) / events));
        Assert.InRange(expected, 0.84, 0.87);
    }

    [Fact]
    public void Beam_muons_that_lose_half_their_energy_are_caught_by_the_calorimeters()
    {
        // A beam muon passes the outgoing-momentum cut only by handing more than half its energy to a photon, a pair or a
        // nucleus in the ECAL: rare (about 10⁻³), and the ECAL then sees it. None of 20 000 passes all the cuts.
        var simulation = new MuonEventSimulation(MuonSetups.Na64Mu2022, MuonCalorimeterPassage.Of(DetectorConditions.Default));
        var flow = simulation.Run(null, 20_000, 2026);
        Assert.InRange(flow.PassedAfter[1], 1, 100);
        Assert.Equal(0, flow.PassedAfter[^1]);
    }

    [Fact]
    public void The_lowest_simulated_fraction_leaves_room_for_the_beam_spread_and_the_outgoing_resolution()
    {
        // Exact: 1 − 80/160. The built-in: the muon of a beam 5σ low (120 GeV) emitting x_min comes out with the momentum
        // MS2 measures at 80 GeV when 5σ low, 80/(1 − 5 × 0.767%) = 83.19 GeV (σ_p/p = 2 × 10⁻⁴ ⊕ θ₀ over a bend of
        // 0.2998 × 7 / 80): x_min = 1 − 83.19/120 = 0.3068.
        var passage = MuonCalorimeterPassage.Of(DetectorConditions.Default);
        Assert.Equal(0.5, new MuonEventSimulation(MuonSetups.Exact(0.3, 2), passage).MinEmissionFraction);
        var simulation = new MuonEventSimulation(MuonSetups.Na64Mu2022, passage);
        Assert.Equal(0.0076694, simulation.Outgoing.RelativeResolution(80), 6);
        Assert.Equal(0.306749, simulation.MinEmissionFraction, 1e-6);
    }
}
