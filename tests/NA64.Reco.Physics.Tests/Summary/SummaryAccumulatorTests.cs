using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Physics.Tests.Reconstruction;

namespace NA64.Reco.Physics.Tests.Summary;

public sealed class SummaryAccumulatorTests
{
    private static readonly DetectorConditions C = TestEvents.C;

    private static (RawEvent Raw, RecoEvent Reco) Event(double momentum = 100, double ecal = 30, double hcal = 0.1, bool tagged = true)
    {
        var raw = RawEvent.For(C);
        var reco = RecoEvent.For(C);
        reco.MomentumGeV = momentum;
        reco.EcalTotalGeV = ecal;
        reco.HcalTotalGeV = hcal;
        reco.SrdTagged = tagged;
        reco.SrdTotalMeV = 120;
        return (raw, reco);
    }

    [Fact]
    public void The_cut_flow_is_cumulative()
    {
        var s = new EventSummary();
        var acc = new SummaryAccumulator(C);
        var (raw, reco) = Event();
        acc.Add(raw, reco, Cut.SrdTag, s);
        acc.Add(raw, reco, Cut.All, s);
        acc.Add(raw, reco, Cut.SignalBox, s);

        Assert.Equal(3, s.Events);
        Assert.Equal([3L, 2, 2, 2, 2, 1, 1, 1, 1, 1], s.CutFlow);
        Assert.Equal(FixedPointWeight.FromDouble(2), s.WeightedCutFlow[(int)Cut.SrdTag]);
        Assert.Equal(FixedPointWeight.FromDouble(1), s.WeightedSquaredCutFlow[(int)Cut.SignalBox]);
        Assert.Equal(3, s.Momentum.Total);
        Assert.Equal(3, s.SrdEnergy.Counts[s.SrdEnergy.BinOf(120)]);
        Assert.Equal(1, s.EcalVsHcal[s.EcalVsHcal.X.BinOf(30), s.EcalVsHcal.Y.BinOf(0.1)]);
    }

    [Fact]
    public void Weights_come_from_the_truth_with_their_squares()
    {
        var s = new EventSummary();
        var (raw, reco) = Event();
        raw.HasTruth = true;
        raw.Truth.Weight = 0.25;
        raw.Truth.APrimeEnergyGeV = 60;
        raw.Truth.Flags = TruthFlags.APrime;
        raw.Truth.MomentumGeV = 100;
        new SummaryAccumulator(C).Add(raw, reco, Cut.Momentum, s);

        Assert.Equal(FixedPointWeight.FromDouble(0.25), s.WeightedCutFlow[(int)Cut.Momentum]);
        Assert.Equal(FixedPointWeight.FromDouble(0.0625), s.WeightedSquaredCutFlow[0]);
        Assert.Equal(WeightSum.Zero, s.WeightedCutFlow[(int)Cut.SrdTag]);
        Assert.Equal(0, s.ClosureEvents); // an A' takes energy away: no closure expected
        Assert.Equal(1, s.TruthElectrons);
    }

    [Fact]
    public void Truth_checks_count_electrons_hadrons_closure_and_sources()
    {
        var s = new EventSummary();
        var acc = new SummaryAccumulator(C);
        void Add(ParticleKind particle, TruthFlags flags, double p, double ecal, double hcal, bool tagged, Cut last)
        {
            var (raw, reco) = Event(momentum: 100.5, ecal: ecal, hcal: hcal, tagged: tagged);
            raw.HasTruth = true;
            raw.Truth = new McTruth { Particle = particle, Flags = flags, MomentumGeV = p, Weight = 1 };
            acc.Add(raw, reco, last, s);
        }
        var sigma = acc.ClosureSigma(100, 0.5);
        Add(ParticleKind.Electron, TruthFlags.None, 100, 99.5 - 2.9 * sigma, 0.5, true, Cut.All);   // closes
        Add(ParticleKind.Electron, TruthFlags.None, 100, 99.5 - 3.1 * sigma, 0.5, false, Cut.All);  // does not
        Add(ParticleKind.Electron, TruthFlags.LowEnergyTail, 30, 30, 0, true, Cut.SignalBox);
        Add(ParticleKind.Pion, TruthFlags.HadronInteraction | TruthFlags.Leakage, 100, 20, 0.5, true, Cut.SignalBox);
        Add(ParticleKind.Kaon, TruthFlags.None, 100, 20, 0.5, false, Cut.SignalBox);
        Add(ParticleKind.Muon, TruthFlags.None, 100, 0.3, 8, false, Cut.Hcal);

        Assert.Equal(2, s.TruthElectrons);
        Assert.Equal(1, s.TruthElectronsSrdTagged);
        Assert.Equal(2, s.TruthHadrons);
        Assert.Equal(1, s.TruthHadronsSrdTagged);
        Assert.Equal(2, s.ClosureEvents);
        Assert.Equal(1, s.ClosureWithin3Sigma);
        Assert.Equal(2, s.MomentumResidual.Total);
        Assert.Equal(2, s.MomentumResidual.Counts[s.MomentumResidual.BinOf(0.005)]);
        var expected = new long[17];
        expected[3] = 1;  // LowEnergyTail
        expected[4] = 1;  // HadronInteraction, the pion's primary source before its leakage
        expected[16] = 1; // no flag
        Assert.Equal(expected, s.SourceInSignalBox);
    }

    [Fact]
    public void Dimuon_candidates_are_counted_with_their_ecal_energy_and_the_true_dimuons_among_them()
    {
        var s = new EventSummary();
        var acc = new SummaryAccumulator(C);
        var (raw, reco) = Event(ecal: 41);
        raw.HasTruth = true;
        raw.Truth.Particle = ParticleKind.Electron;
        raw.Truth.MomentumGeV = 100;
        raw.Truth.Flags = TruthFlags.Dimuon;
        acc.Add(raw, reco, Cut.SrdTag, s, dimuonCandidate: true);
        acc.Add(raw, reco, Cut.SrdTag, s, dimuonCandidate: false);
        raw.Truth.Flags = TruthFlags.None;
        acc.Add(raw, reco, Cut.SrdTag, s, dimuonCandidate: true);

        Assert.Equal(2, s.DimuonCandidates);
        Assert.Equal(2, s.TruthDimuons);
        Assert.Equal(1, s.TruthDimuonCandidates);
        Assert.Equal(2, s.DimuonCandidateEcal.Counts[s.DimuonCandidateEcal.BinOf(41)]);
        Assert.Equal(2, s.DimuonCandidateEcal.Total);

        // They travel in the canonical form; a form written before they existed reads with them 0.
        var back = EventSummary.FromCanonical(s.CanonicalBytes());
        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        Assert.Equal(1, back.TruthDimuonCandidates);
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeDimuonsCanonicalLength));
        Assert.Equal(3, earlier.Events);
        Assert.Equal(0, earlier.DimuonCandidates);
        Assert.Equal(0, earlier.DimuonCandidateEcal.Total);
        Assert.Equal(s.EcalVsHcalAll.Counts, earlier.EcalVsHcalAll.Counts);
    }

    [Fact]
    public void Each_source_sums_its_weights_in_the_box_and_over_all_its_events_and_an_earlier_form_reads_with_unit_weights()
    {
        var s = new EventSummary();
        var acc = new SummaryAccumulator(C);
        void Add(TruthFlags flags, double weight, Cut last)
        {
            var (raw, reco) = Event(ecal: 20);
            raw.HasTruth = true;
            raw.Truth = new McTruth { Particle = ParticleKind.Kaon, Flags = flags, MomentumGeV = 100, Weight = weight };
            acc.Add(raw, reco, last, s);
        }
        Add(TruthFlags.DecayToElectron, 0.25, Cut.SignalBox);
        Add(TruthFlags.DecayToElectron, 0.25, Cut.Momentum);
        Add(TruthFlags.DecayToElectron | TruthFlags.Leakage, 0.5, Cut.SignalBox);
        Add(TruthFlags.None, 2, Cut.SignalBox);

        const int electron = 10, leakage = 6, none = EventSummary.SourceSlots - 1;
        Assert.Equal(2, s.SourceInSignalBox[electron]);
        Assert.Equal(0.75, FixedPointWeight.ToDouble(s.WeightedSourceInSignalBox[electron]));
        Assert.Equal(0.3125, FixedPointWeight.ToDouble(s.WeightedSquaredSourceInSignalBox[electron]));
        Assert.Equal(3, s.SourceEvents[electron]);
        Assert.Equal(1.0, FixedPointWeight.ToDouble(s.WeightedSourceEvents[electron]));
        Assert.Equal(0, s.SourceEvents[leakage]); // the decay is the event's one source
        Assert.Equal(4.0, FixedPointWeight.ToDouble(s.WeightedSquaredSourceInSignalBox[none]));
        // Every event counted once: the sources add up to the cut-flow.
        Assert.Equal(s.CutFlow[(int)Cut.All], s.SourceEvents.Sum());
        Assert.Equal(s.CutFlow[(int)Cut.SignalBox], s.SourceInSignalBox.Sum());
        Assert.Equal(s.WeightedCutFlow[(int)Cut.SignalBox], s.WeightedSourceInSignalBox.Aggregate(WeightSum.Zero, (a, b) => a + b));

        // The form written before the weighted sums: its box counts read as events of weight 1 (no sample was biased then).
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeWeightedSourcesCanonicalLength));
        Assert.Equal(s.SourceInSignalBox, earlier.SourceInSignalBox);
        Assert.Equal(2.0, FixedPointWeight.ToDouble(earlier.WeightedSourceInSignalBox[electron]));
        Assert.Equal(2.0, FixedPointWeight.ToDouble(earlier.WeightedSquaredSourceInSignalBox[electron]));
        Assert.All(earlier.SourceEvents, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Events_past_veto_fill_their_source_s_cell_of_the_plane_and_an_earlier_form_reads_with_no_cells()
    {
        var s = new EventSummary();
        var acc = new SummaryAccumulator(C);
        void Add(TruthFlags flags, double weight, double ecal, double hcal, Cut last)
        {
            var (raw, reco) = Event(ecal: ecal, hcal: hcal);
            raw.HasTruth = true;
            raw.Truth = new McTruth { Particle = ParticleKind.Kaon, Flags = flags, MomentumGeV = 100, Weight = weight };
            acc.Add(raw, reco, last, s);
        }
        var cuts = C.Cuts;
        var sidebandEcal = (cuts.SignalEcalMaxGeV + cuts.TriggerEcalMaxGeV) / 2;
        Add(TruthFlags.DecayToElectron, 0.5, cuts.SignalEcalMaxGeV - 1, 0, Cut.SignalBox);          // box
        Add(TruthFlags.DecayToElectron, 0.25, sidebandEcal - 1, 0, Cut.Hcal);                        // near ECAL side-band
        Add(TruthFlags.DecayToElectron, 0.25, sidebandEcal + 1, 0, Cut.Hcal);                        // far ECAL side-band
        Add(TruthFlags.DecayToElectron, 0.25, 10, cuts.HcalMaxGeV + 7, Cut.Veto);                    // far HCAL side-band
        Add(TruthFlags.DecayToElectron, 4, 10, 0, Cut.Preshower);                                    // before VETO: no cell

        const int slot = 10;
        double W(int ecalBand, int hcalBand) => FixedPointWeight.ToDouble(s.WeightedSourceCell[slot * SidebandCells.Count + SidebandCells.Index(ecalBand, hcalBand)]);
        long N(int ecalBand, int hcalBand) => s.SourceCellEvents[slot * SidebandCells.Count + SidebandCells.Index(ecalBand, hcalBand)];
        Assert.Equal(0.5, W(0, 0));
        Assert.Equal(s.SourceInSignalBox[slot], N(0, 0));
        Assert.Equal(0.25, W(1, 0));
        Assert.Equal(0.25, W(2, 0));
        Assert.Equal(0.25, W(0, 2));
        Assert.Equal(4, s.SourceCellEvents.Sum());
        Assert.Equal(4, s.CellEvents.Sum());
        Assert.Equal(0.25, FixedPointWeight.ToDouble(s.WeightedCell[SidebandCells.Index(2, 0)]));
        Assert.Equal(0.0625, FixedPointWeight.ToDouble(s.WeightedSquaredSourceCell[slot * SidebandCells.Count + SidebandCells.Index(0, 2)]));

        var back = EventSummary.FromCanonical(s.CanonicalBytes());
        Assert.Equal(s.Fingerprint(), back.Fingerprint());
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeSourceCellsCanonicalLength));
        Assert.Equal(s.WeightedSourceInSignalBox, earlier.WeightedSourceInSignalBox);
        Assert.All(earlier.SourceCellEvents, c => Assert.Equal(0, c));
        Assert.All(earlier.CellEvents, c => Assert.Equal(0, c));
    }

    [Fact]
    public void Weights_too_small_for_the_coarse_limb_keep_their_squares_and_a_form_without_fine_limbs_still_reads()
    {
        var acc = new SummaryAccumulator(C);
        var s = new EventSummary();
        var (raw, reco) = Event(momentum: 100, ecal: 10, hcal: 0, tagged: true);
        raw.HasTruth = true;
        raw.Truth.Flags = TruthFlags.PhotoNuclear;
        raw.Truth.MomentumGeV = 100;
        raw.Truth.Weight = 4.7e-17;
        acc.Add(raw, reco, Cut.SignalBox, s);
        raw.Truth.Weight = 0.5;
        acc.Add(raw, reco, Cut.SignalBox, s);

        const int slot = 12;
        Assert.Equal(0.5 + 4.7e-17, FixedPointWeight.ToDouble(s.WeightedSourceInSignalBox[slot]), 1e-30);
        Assert.Equal(0.25 + 4.7e-17 * 4.7e-17, FixedPointWeight.ToDouble(s.WeightedSquaredSourceInSignalBox[slot]), 1e-40);
        Assert.Equal(4.7e-17 * 4.7e-17, FixedPointWeight.ToDouble(s.WeightedSquaredSourceInSignalBox[slot] with { Coarse = 0 }), 1e-37);

        // The form of the version before the fine limbs: the same coarse sums, fine limbs 0.
        var earlier = EventSummary.FromCanonical(s.CanonicalBytes().AsSpan(0, EventSummary.BeforeFineWeightsCanonicalLength));
        Assert.Equal(s.WeightedSourceInSignalBox[slot].Coarse, earlier.WeightedSourceInSignalBox[slot].Coarse);
        Assert.Equal(0, earlier.WeightedSquaredSourceInSignalBox[slot].Fine);
        Assert.Equal(s.SourceCellEvents, earlier.SourceCellEvents);
    }

    [Fact]
    public void Summaries_of_any_split_merge_to_the_same_fingerprint()
    {
        const int events = 3000;
        var acc = new SummaryAccumulator(C);
        var raws = new RawEvent[events];
        var recos = new RecoEvent[events];
        var cuts = new Cut[events];
        var dimuons = new bool[events];
        var rng = new EventRandom(42);
        for (var i = 0; i < events; i++)
        {
            var (raw, reco) = Event(momentum: rng.Chance(0.1) ? double.NaN : 100 + 3 * rng.NextGaussian(),
                ecal: 120 * rng.NextDouble(), hcal: 20 * rng.NextDouble(), tagged: rng.Chance(0.9));
            reco.SrdTotalMeV = 200 * rng.NextDouble();
            raw.HasTruth = true;
            raw.Truth = new McTruth
            {
                Particle = (ParticleKind)rng.NextInt(4),
                Flags = (TruthFlags)rng.NextInt(128),
                MomentumGeV = 100 + rng.NextGaussian(),
                Weight = 1e-3 * rng.NextExponential(1),
            };
            (raws[i], recos[i], cuts[i], dimuons[i]) = (raw, reco, (Cut)rng.NextInt(CutNames.Count), rng.Chance(0.2));
        }
        var whole = new EventSummary();
        for (var i = 0; i < events; i++) acc.Add(raws[i], recos[i], cuts[i], whole, dimuons[i]);
        Assert.InRange(whole.DimuonCandidates, 400, 800);
        Assert.InRange(whole.TruthDimuonCandidates, 1, whole.DimuonCandidates - 1);

        int[] bounds = [0, 7, 1234, 1235, 2900, events];
        var parts = new EventSummary[bounds.Length - 1];
        for (var p = 0; p < parts.Length; p++)
        {
            parts[p] = new EventSummary();
            for (var i = bounds[p]; i < bounds[p + 1]; i++) acc.Add(raws[i], recos[i], cuts[i], parts[p], dimuons[i]);
        }
        var forward = new EventSummary();
        foreach (var part in parts) forward.Merge(part);
        var backward = new EventSummary();
        for (var p = parts.Length - 1; p >= 0; p--) backward.Merge(parts[p]);

        Assert.Equal(events, whole.Events);
        Assert.Equal(whole.Fingerprint(), forward.Fingerprint());
        Assert.Equal(whole.Fingerprint(), backward.Fingerprint());
    }
}
