using System.Security.Cryptography;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Mergeable result of reconstructing some events: counters, cut-flow, fixed-binning histograms and
/// fixed-point weighted sums. Every field is an integer, so <see cref="Merge"/> is exact and
/// order-independent: any split of a sample into chunks, merged in any order, gives identical bytes.
/// </summary>
public sealed class EventSummary
{
    /// <summary>Electrons on target from the spill scalers (set once per spill, not per chunk).</summary>
    public long Eot;
    /// <summary>Spills merged into this summary.</summary>
    public int Spills;
    /// <summary>Events reconstructed.</summary>
    public long Events;

    /// <summary>Events passing every cut up to and including row k of <see cref="Cut"/>.</summary>
    public readonly long[] CutFlow = new long[CutNames.Count];
    /// <summary>Σ w of those events, fixed point (<see cref="FixedPointWeight"/>).</summary>
    public readonly WeightSum[] WeightedCutFlow = new WeightSum[CutNames.Count];
    /// <summary>Σ w² of those events, fixed point: the effective statistics of weighted efficiencies.</summary>
    public readonly WeightSum[] WeightedSquaredCutFlow = new WeightSum[CutNames.Count];

    /// <summary>MC electrons of the nominal beam (no tail) and how many of them the SRD tagged.</summary>
    public long TruthElectrons, TruthElectronsSrdTagged;
    /// <summary>MC hadrons (π, K) and how many of them the SRD tagged (misidentified as electrons).</summary>
    public long TruthHadrons, TruthHadronsSrdTagged;
    /// <summary>
    /// MC hadrons with another beam particle in time (<see cref="RawData.TruthFlags.InTimePileUp"/>) that does not
    /// radiate into the SRD; of those that do (<see cref="RawData.TruthFlags.InTimeSrPileUp"/>), the count and how many
    /// the SRD tagged.
    /// </summary>
    public long TruthHadronsInTimePileUp, TruthHadronsInTimeSrPileUp, TruthHadronsInTimeSrPileUpSrdTagged;
    /// <summary>
    /// MC hadrons whose SRD module m passed the SRD cuts, per class: index m for hadrons without in-time pile-up, 8 + m
    /// for those with in-time pile-up that does not radiate; a module the SRD does not have counts as passed. The
    /// factorised misidentification (<see cref="SrdMisidEstimate"/>) multiplies them.
    /// </summary>
    public readonly long[] TruthHadronSrdModulePass = new long[2 * SrdMisidEstimate.ModuleSlots];
    /// <summary>MC nominal electrons without A', dimuon or pile-up in the calorimeters, and those with |E_ECAL + E_HCAL − E₀| &lt; 3σ.</summary>
    public long ClosureEvents, ClosureWithin3Sigma;
    /// <summary>
    /// Per source slot (index = the bit number of the event's <see cref="RawData.PrimarySource"/>; last = no flag): MC
    /// events in the signal box. Each event counts under one source, so the slots add up to the cut-flow's row.
    /// </summary>
    public readonly long[] SourceInSignalBox = new long[SourceSlots];
    /// <summary>Per source slot as <see cref="SourceInSignalBox"/>: Σ w of those events, fixed point (<see cref="FixedPointWeight"/>).</summary>
    public readonly WeightSum[] WeightedSourceInSignalBox = new WeightSum[SourceSlots];
    /// <summary>Per source slot: Σ w² of the MC events in the signal box, fixed point: the statistical error of a biased sample's count.</summary>
    public readonly WeightSum[] WeightedSquaredSourceInSignalBox = new WeightSum[SourceSlots];
    /// <summary>
    /// Per source slot: MC events of that source at any cut, and their Σ w (fixed point). Their ratio is the source's
    /// mean weight: the exposure a biased sample reached for that source, and the weight of a zero count's bound.
    /// </summary>
    public readonly long[] SourceEvents = new long[SourceSlots];
    public readonly WeightSum[] WeightedSourceEvents = new WeightSum[SourceSlots];
    /// <summary>
    /// Per <see cref="SidebandCells"/> cell: every event past VETO (data or MC), its Σ w and Σ w² (fixed point). The
    /// side-band counts a source's shape is normalised to.
    /// </summary>
    public readonly long[] CellEvents = new long[SidebandCells.Count];
    public readonly WeightSum[] WeightedCell = new WeightSum[SidebandCells.Count];
    public readonly WeightSum[] WeightedSquaredCell = new WeightSum[SidebandCells.Count];
    /// <summary>
    /// Per source slot and <see cref="SidebandCells"/> cell (index slot × 16 + cell): the MC events past VETO, their Σ w
    /// and Σ w² (fixed point). The shape of each source across the signal box and its side-bands.
    /// </summary>
    public readonly long[] SourceCellEvents = new long[SourceSlots * SidebandCells.Count];
    public readonly WeightSum[] WeightedSourceCell = new WeightSum[SourceSlots * SidebandCells.Count];
    public readonly WeightSum[] WeightedSquaredSourceCell = new WeightSum[SourceSlots * SidebandCells.Count];

    /// <summary>Source slots: one per <see cref="RawData.TruthFlags"/> bit (index = bit number), the last for events without a flag.</summary>
    public const int SourceSlots = 17;

    /// <summary>(p_reco − p_true)/p_true of MC beam electrons with a reconstructed momentum.</summary>
    public readonly Histogram1D MomentumResidual = new("momentum-residual", "(p_reco - p_true)/p_true", 400, -0.1, 0.1);
    /// <summary>Reconstructed momentum of every event with a track.</summary>
    public readonly Histogram1D Momentum = new("momentum", "p [GeV]", 300, 0, 150);
    /// <summary>Summed SRD energy of every event.</summary>
    public readonly Histogram1D SrdEnergy = new("srd-energy", "E_SRD [MeV]", 300, 0, 300);
    /// <summary>E_ECAL vs E_HCAL of events passing the cuts up to VETO (the plane of the background estimate).</summary>
    public readonly Histogram2D EcalVsHcal = new("ecal-vs-hcal", "E_ECAL [GeV]", 120, 0, 120, "E_HCAL [GeV]", 120, 0, 120);
    /// <summary>E_ECAL vs E_HCAL of every event, before any cut: the view of the whole sample (the SM diagonal).</summary>
    public readonly Histogram2D EcalVsHcalAll = new("ecal-vs-hcal-all", "E_ECAL [GeV]", 120, 0, 120, "E_HCAL [GeV]", 120, 0, 120);

    /// <summary>Events the dimuon selection took (<see cref="Selection.DimuonSelection"/>), data or MC.</summary>
    public long DimuonCandidates;
    /// <summary>MC events with a true dimuon (<see cref="RawData.TruthFlags.Dimuon"/>), and those among them the selection took.</summary>
    public long TruthDimuons, TruthDimuonCandidates;
    /// <summary>E_ECAL of the dimuon candidates: E₀ − E_μ⁺ − E_μ⁻ plus the muons' MIPs, the spectrum the cross-check compares.</summary>
    public readonly Histogram1D DimuonCandidateEcal = new("dimuon-ecal", "E_ECAL [GeV]", 32, 0, 80);

    /// <summary>
    /// Events of a muon-programme sample (<see cref="RawData.SampleDescriptor.IsMuonProgramme"/>) simulated through its
    /// setup's selection (<see cref="Simulation.Muon.MuonEventSimulation"/>); they count in <see cref="Events"/> too.
    /// </summary>
    public long MuonEvents;
    /// <summary>Of <see cref="MuonEvents"/>, those left after each cut of the setup's selection, in its order (unused slots 0).</summary>
    public readonly long[] MuonPassedAfter = new long[MuonCutSlots];

    /// <summary>Cuts of a muon selection the summary has room for (the programme has five kinds, each listed once at most).</summary>
    public const int MuonCutSlots = 8;

    /// <summary>
    /// Events of a visible-programme sample (<see cref="RawData.SampleDescriptor.IsVisibleProgramme"/>), each a forced X
    /// emission in the setup's dump (<see cref="Simulation.APrime.VisibleEventSimulation"/>) or a forced K⁰_S background
    /// chain (<see cref="Simulation.APrime.VisibleKaonShortBackground"/>) with its detectors' readings, through the
    /// setup's selection; they count in <see cref="Events"/> too.
    /// </summary>
    public long VisibleEvents;
    /// <summary>Σ w of those events' emission weights, fixed point: slot 0 all of them, slot k + 1 those left after cut k of the setup's selection.</summary>
    public readonly WeightSum[] VisibleWeightAfter = new WeightSum[VisibleCutSlots + 1];
    /// <summary>Σ w² of the same events, slot by slot: the effective statistics of the weighted efficiency.</summary>
    public readonly WeightSum[] VisibleSquaredWeightAfter = new WeightSum[VisibleCutSlots + 1];

    /// <summary>Cuts of a visible selection the summary has room for (a setup with more is refused when it is loaded).</summary>
    public const int VisibleCutSlots = 8;

    /// <summary>
    /// Adds one visible event's <paramref name="weight"/> and its square, in fixed point, to the slots before the cuts and
    /// after each cut it passed (<paramref name="firstFailed"/>: the index of the first cut it fails).
    /// </summary>
    public void AddVisible(double weight, int firstFailed)
    {
        var w = FixedPointWeight.FromDouble(weight);
        var w2 = FixedPointWeight.FromDouble(weight * weight);
        for (var k = 0; k <= firstFailed; k++)
        {
            VisibleWeightAfter[k] += w;
            VisibleSquaredWeightAfter[k] += w2;
        }
    }

    /// <summary>Adds <paramref name="other"/> into this summary.</summary>
    public void Merge(EventSummary other)
    {
        Eot += other.Eot;
        Spills += other.Spills;
        Events += other.Events;
        CountAddition.Add(CutFlow, other.CutFlow);
        CountAddition.Add(WeightedCutFlow, other.WeightedCutFlow);
        CountAddition.Add(WeightedSquaredCutFlow, other.WeightedSquaredCutFlow);
        TruthElectrons += other.TruthElectrons;
        TruthElectronsSrdTagged += other.TruthElectronsSrdTagged;
        TruthHadrons += other.TruthHadrons;
        TruthHadronsSrdTagged += other.TruthHadronsSrdTagged;
        TruthHadronsInTimePileUp += other.TruthHadronsInTimePileUp;
        TruthHadronsInTimeSrPileUp += other.TruthHadronsInTimeSrPileUp;
        TruthHadronsInTimeSrPileUpSrdTagged += other.TruthHadronsInTimeSrPileUpSrdTagged;
        CountAddition.Add(TruthHadronSrdModulePass, other.TruthHadronSrdModulePass);
        ClosureEvents += other.ClosureEvents;
        ClosureWithin3Sigma += other.ClosureWithin3Sigma;
        CountAddition.Add(SourceInSignalBox, other.SourceInSignalBox);
        CountAddition.Add(WeightedSourceInSignalBox, other.WeightedSourceInSignalBox);
        CountAddition.Add(WeightedSquaredSourceInSignalBox, other.WeightedSquaredSourceInSignalBox);
        CountAddition.Add(SourceEvents, other.SourceEvents);
        CountAddition.Add(WeightedSourceEvents, other.WeightedSourceEvents);
        CountAddition.Add(CellEvents, other.CellEvents);
        CountAddition.Add(WeightedCell, other.WeightedCell);
        CountAddition.Add(WeightedSquaredCell, other.WeightedSquaredCell);
        CountAddition.Add(SourceCellEvents, other.SourceCellEvents);
        CountAddition.Add(WeightedSourceCell, other.WeightedSourceCell);
        CountAddition.Add(WeightedSquaredSourceCell, other.WeightedSquaredSourceCell);
        MomentumResidual.Merge(other.MomentumResidual);
        Momentum.Merge(other.Momentum);
        SrdEnergy.Merge(other.SrdEnergy);
        EcalVsHcal.Merge(other.EcalVsHcal);
        EcalVsHcalAll.Merge(other.EcalVsHcalAll);
        DimuonCandidates += other.DimuonCandidates;
        TruthDimuons += other.TruthDimuons;
        TruthDimuonCandidates += other.TruthDimuonCandidates;
        DimuonCandidateEcal.Merge(other.DimuonCandidateEcal);
        MuonEvents += other.MuonEvents;
        CountAddition.Add(MuonPassedAfter, other.MuonPassedAfter);
        VisibleEvents += other.VisibleEvents;
        CountAddition.Add(VisibleWeightAfter, other.VisibleWeightAfter);
        CountAddition.Add(VisibleSquaredWeightAfter, other.VisibleSquaredWeightAfter);
    }

    public EventSummary Clone()
    {
        var s = new EventSummary();
        s.Merge(this);
        return s;
    }

    /// <summary>
    /// Length in bytes of the canonical form (<see cref="WriteCanonical(Span{byte})"/>): the same for every summary (the
    /// arrays and binnings are fixed), so taken once from one, not from a 250 kB summary made for each decode.
    /// </summary>
    public static readonly int CanonicalLength = new EventSummary().LengthOfFields();

    // Each earlier form's length is defined from the next one's, so they come in this order (static fields initialise in text order).
    /// <summary>
    /// Length of the canonical form before the visible programme's sums (<see cref="VisibleEvents"/> and after, the last
    /// fields): still read, with those sums 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int BeforeVisibleCanonicalLength = CanonicalLength - (8 + 2 * 32 * (VisibleCutSlots + 1));

    /// <summary>
    /// Length of the canonical form before the muon programme's counts (<see cref="MuonEvents"/> and
    /// <see cref="MuonPassedAfter"/>): still read, with those counts 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int BeforeMuonsCanonicalLength = BeforeVisibleCanonicalLength - 8 * (1 + MuonCutSlots);


    /// <summary>
    /// Length of the canonical form before the weighted sums had their fine limbs (<see cref="WeightSum.Fine"/>, the
    /// fields before the muon counts) and the muon counts: still read, with those 0, so that summaries journaled by
    /// that version recover.
    /// </summary>
    public static readonly int BeforeFineWeightsCanonicalLength = BeforeMuonsCanonicalLength - 16 * new EventSummary().WeightSums().Sum(a => a.Length);

    /// <summary>
    /// Length of the canonical form before the side-band cells (<see cref="CellEvents"/> and after, the
    /// last fields) were added: still read, with those cells 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int BeforeSourceCellsCanonicalLength = BeforeFineWeightsCanonicalLength - (SourceSlots + 1) * SidebandCells.Count * (8 + 16 + 16);

    /// <summary>
    /// Length of the canonical form before the weighted source sums (<see cref="WeightedSourceInSignalBox"/> and after)
    /// were added: still read, with those sums 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int BeforeWeightedSourcesCanonicalLength = BeforeSourceCellsCanonicalLength - SourceSlots * (16 + 16 + 8 + 16);

    /// <summary>
    /// Length of the canonical form before the dimuon counts (<see cref="DimuonCandidates"/> and after) and the weighted
    /// source sums were added: still read, with those counts 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int BeforeDimuonsCanonicalLength = BeforeWeightedSourcesCanonicalLength - (3 * 8 + 8 * new EventSummary().DimuonCandidateEcal.Counts.Length);

    /// <summary>
    /// Length of the canonical form before the SRD hadron counts (<see cref="TruthHadronsInTimePileUp"/> and after) were
    /// added, and the dimuon counts: still read, with those counts 0, so that summaries journaled by that version recover.
    /// </summary>
    public static readonly int PreviousCanonicalLength = BeforeDimuonsCanonicalLength - (3 * 8 + 8 * 2 * SrdMisidEstimate.ModuleSlots);

    private int LengthOfFields() =>
        8 + 4 + 8 + 8 * CutFlow.Length + 16 * (WeightedCutFlow.Length + WeightedSquaredCutFlow.Length) + 6 * 8 + 8 * SourceInSignalBox.Length
        + 3 * 8 + 8 * TruthHadronSrdModulePass.Length
        + 8 * (MomentumResidual.Counts.Length + Momentum.Counts.Length + SrdEnergy.Counts.Length + EcalVsHcal.Counts.Length + EcalVsHcalAll.Counts.Length)
        + 3 * 8 + 8 * DimuonCandidateEcal.Counts.Length
        + SourceSlots * (16 + 16 + 8 + 16)
        + (SourceSlots + 1) * SidebandCells.Count * (8 + 16 + 16)
        + 16 * WeightSums().Sum(a => a.Length)
        + 8 * (1 + MuonPassedAfter.Length)
        + 8 + 32 * (VisibleWeightAfter.Length + VisibleSquaredWeightAfter.Length);

    /// <summary>
    /// Writes every field in a fixed order, little-endian (as <see cref="BinaryWriter"/> would, value by value): equal
    /// summaries give equal bytes. Arrays are copied whole, not value by value: a chunk summary is ≈ 250 kB, and
    /// every summary that crosses nodes or goes to the journal is written (docs/performance-log.md).
    /// </summary>
    public void WriteCanonical(Span<byte> into)
    {
        if (into.Length != CanonicalLength) throw new ArgumentException($"the canonical form is {CanonicalLength} bytes, not {into.Length}", nameof(into));
        var w = new CanonicalWriter(into);
        w.Put(Eot);
        w.Put(Spills);
        w.Put(Events);
        w.Put(CutFlow);
        w.Put(WeightedCutFlow);
        w.Put(WeightedSquaredCutFlow);
        w.Put(TruthElectrons);
        w.Put(TruthElectronsSrdTagged);
        w.Put(TruthHadrons);
        w.Put(TruthHadronsSrdTagged);
        w.Put(ClosureEvents);
        w.Put(ClosureWithin3Sigma);
        w.Put(SourceInSignalBox);
        w.Put(TruthHadronsInTimePileUp);
        w.Put(TruthHadronsInTimeSrPileUp);
        w.Put(TruthHadronsInTimeSrPileUpSrdTagged);
        w.Put(TruthHadronSrdModulePass);
        w.Put(MomentumResidual.Counts);
        w.Put(Momentum.Counts);
        w.Put(SrdEnergy.Counts);
        w.Put(EcalVsHcal.Counts);
        w.Put(EcalVsHcalAll.Counts);
        w.Put(DimuonCandidates);
        w.Put(TruthDimuons);
        w.Put(TruthDimuonCandidates);
        w.Put(DimuonCandidateEcal.Counts);
        w.Put(WeightedSourceInSignalBox);
        w.Put(WeightedSquaredSourceInSignalBox);
        w.Put(SourceEvents);
        w.Put(WeightedSourceEvents);
        w.Put(CellEvents);
        w.Put(WeightedCell);
        w.Put(WeightedSquaredCell);
        w.Put(SourceCellEvents);
        w.Put(WeightedSourceCell);
        w.Put(WeightedSquaredSourceCell);
        foreach (var sums in WeightSums()) w.PutFine(sums);
        w.Put(MuonEvents);
        w.Put(MuonPassedAfter);
        w.Put(VisibleEvents);
        w.Put(VisibleWeightAfter);
        w.PutFine(VisibleWeightAfter);
        w.Put(VisibleSquaredWeightAfter);
        w.PutFine(VisibleSquaredWeightAfter);
    }

    /// <summary>The weighted sums in canonical order: their fine limbs follow the other fields, in this order, before the programmes' counts.</summary>
    private WeightSum[][] WeightSums() =>
    [
        WeightedCutFlow, WeightedSquaredCutFlow, WeightedSourceInSignalBox, WeightedSquaredSourceInSignalBox, WeightedSourceEvents,
        WeightedCell, WeightedSquaredCell, WeightedSourceCell, WeightedSquaredSourceCell,
    ];

    /// <summary>Writes the canonical form to <paramref name="w"/>.</summary>
    public void WriteCanonical(BinaryWriter w) => w.Write(CanonicalBytes());

    /// <summary>The canonical form in a new array.</summary>
    public byte[] CanonicalBytes()
    {
        var bytes = new byte[CanonicalLength];
        WriteCanonical(bytes);
        return bytes;
    }

    /// <summary>
    /// The summary whose canonical form is <paramref name="from"/>, or whose form of an earlier version
    /// (<see cref="BeforeVisibleCanonicalLength"/>, <see cref="BeforeMuonsCanonicalLength"/>, <see cref="BeforeFineWeightsCanonicalLength"/>, <see cref="BeforeSourceCellsCanonicalLength"/>, <see cref="BeforeWeightedSourcesCanonicalLength"/>, <see cref="BeforeDimuonsCanonicalLength"/>,
    /// <see cref="PreviousCanonicalLength"/>) it is; a form of another
    /// length is refused.
    /// </summary>
    public static EventSummary FromCanonical(ReadOnlySpan<byte> from)
    {
        var s = new EventSummary();
        s.AddCanonical(from);
        return s;
    }

    /// <summary>
    /// Adds the summary whose canonical form (or a form of an earlier version, its missing fields 0) is
    /// <paramref name="from"/> into this one, as <see cref="Merge"/> would add that summary, without making it; a form
    /// of another length is refused and nothing is added.
    /// </summary>
    public void AddCanonical(ReadOnlySpan<byte> from)
    {
        CheckCanonicalLength(from);
        var previous = from.Length == PreviousCanonicalLength;
        var beforeDimuons = previous || from.Length == BeforeDimuonsCanonicalLength;
        var beforeWeightedSources = beforeDimuons || from.Length == BeforeWeightedSourcesCanonicalLength;
        var beforeSourceCells = beforeWeightedSources || from.Length == BeforeSourceCellsCanonicalLength;
        var beforeFineWeights = beforeSourceCells || from.Length == BeforeFineWeightsCanonicalLength;
        var beforeMuons = beforeFineWeights || from.Length == BeforeMuonsCanonicalLength;
        var beforeVisible = beforeMuons || from.Length == BeforeVisibleCanonicalLength;
        var r = new CanonicalReader(from);
        Eot += r.Long();
        Spills += r.Int();
        Events += r.Long();
        r.Add(CutFlow);
        r.Add(WeightedCutFlow);
        r.Add(WeightedSquaredCutFlow);
        TruthElectrons += r.Long();
        TruthElectronsSrdTagged += r.Long();
        TruthHadrons += r.Long();
        TruthHadronsSrdTagged += r.Long();
        ClosureEvents += r.Long();
        ClosureWithin3Sigma += r.Long();
        Span<long> boxBefore = stackalloc long[SourceSlots];
        SourceInSignalBox.CopyTo(boxBefore);
        r.Add(SourceInSignalBox);
        if (!previous)
        {
            TruthHadronsInTimePileUp += r.Long();
            TruthHadronsInTimeSrPileUp += r.Long();
            TruthHadronsInTimeSrPileUpSrdTagged += r.Long();
            r.Add(TruthHadronSrdModulePass);
        }
        r.Add(MomentumResidual.Counts);
        r.Add(Momentum.Counts);
        r.Add(SrdEnergy.Counts);
        r.Add(EcalVsHcal.Counts);
        r.Add(EcalVsHcalAll.Counts);
        if (!beforeDimuons)
        {
            DimuonCandidates += r.Long();
            TruthDimuons += r.Long();
            TruthDimuonCandidates += r.Long();
            r.Add(DimuonCandidateEcal.Counts);
        }
        if (!beforeWeightedSources)
        {
            r.Add(WeightedSourceInSignalBox);
            r.Add(WeightedSquaredSourceInSignalBox);
            r.Add(SourceEvents);
            r.Add(WeightedSourceEvents);
        }
        if (!beforeSourceCells)
        {
            r.Add(CellEvents);
            r.Add(WeightedCell);
            r.Add(WeightedSquaredCell);
            r.Add(SourceCellEvents);
            r.Add(WeightedSourceCell);
            r.Add(WeightedSquaredSourceCell);
        }
        if (!beforeFineWeights)
            foreach (var sums in WeightSums()) r.AddFine(sums);
        if (!beforeMuons)
        {
            MuonEvents += r.Long();
            r.Add(MuonPassedAfter);
        }
        if (!beforeVisible)
        {
            VisibleEvents += r.Long();
            r.Add(VisibleWeightAfter);
            r.AddFine(VisibleWeightAfter);
            r.Add(VisibleSquaredWeightAfter);
            r.AddFine(VisibleSquaredWeightAfter);
        }
        if (beforeWeightedSources)
        {
            // No sample was biased before these sums existed: a background sample's events in the box then weighed 1.
            var one = FixedPointWeight.FromDouble(1);
            for (var i = 0; i < SourceSlots; i++)
            {
                var added = SourceInSignalBox[i] - boxBefore[i];
                WeightedSourceInSignalBox[i] += added * one;
                WeightedSquaredSourceInSignalBox[i] += added * one;
            }
        }
    }

    /// <summary>The EOT and event count of the summary whose canonical form (of any version read) is <paramref name="from"/>.</summary>
    public static (long Eot, long Events) CanonicalCounts(ReadOnlySpan<byte> from)
    {
        CheckCanonicalLength(from);
        var r = new CanonicalReader(from);
        var eot = r.Long();
        _ = r.Int();
        return (eot, r.Long());
    }

    private static void CheckCanonicalLength(ReadOnlySpan<byte> from)
    {
        if (from.Length != CanonicalLength && from.Length != BeforeVisibleCanonicalLength && from.Length != BeforeMuonsCanonicalLength && from.Length != BeforeFineWeightsCanonicalLength && from.Length != BeforeSourceCellsCanonicalLength && from.Length != BeforeWeightedSourcesCanonicalLength && from.Length != BeforeDimuonsCanonicalLength
            && from.Length != PreviousCanonicalLength)
            throw new InvalidDataException($"a canonical summary is {CanonicalLength} bytes, not {from.Length}: EventSummary changed shape, or the bytes are not a summary");
    }

    /// <summary>SHA-256 of the canonical form, hex: equal fingerprints mean bit-identical tables.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes()));
}
