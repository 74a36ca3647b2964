using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The campaign's background in the signal box, one row per source and their total (docs/physics.md §8). Each source is
/// taken from the simulated samples made for it: the forced-dimuon samples for <c>dimuon</c>, the K⁻ samples for
/// <c>decay-to-electron</c> (K → eν and K_e3 outnumber π → eν by f_K/f_π × 3 × 10³: the lifetimes and branching ratios of
/// §4a), the beam samples for every other source; samples of one kind are merged (their exposures add), samples of
/// different kinds stand for disjoint parts of the beam and never count the same source twice. Every event counts under
/// one source (<see cref="PrimarySource"/>), so the rows add up. A source takes its side-band normalised estimate
/// (<see cref="SidebandNormalisation"/>) where that applies and the source dominates its side-band, else its MC truth.
/// The total adds the estimates of the sources the MC saw in the box (stat and syst in quadrature); the sources it saw
/// none of are bounds, listed, and their bound is reported beside the total, not in it: it says how large the MC
/// samples are, not how large the background is. The sources of one sample without a box event are one zero count,
/// bounded by the largest of their bounds; the bounds of samples of different kinds add. With no source estimated the
/// total is that bound.
/// </summary>
public sealed class BackgroundTable
{
    private BackgroundTable(IReadOnlyList<BackgroundRow> rows, BackgroundEstimate total, double boundsNotInTotal, double referenceEot)
    {
        Rows = rows;
        Total = total;
        BoundsNotInTotal = boundsNotInTotal;
        ReferenceEot = referenceEot;
    }

    public IReadOnlyList<BackgroundRow> Rows { get; }

    /// <summary>Σ of the rows' estimates (method "sources"), or, when every row is a bound, the bound of them together.</summary>
    public BackgroundEstimate Total { get; }

    /// <summary>The bound of the rows without an MC event in the box together, when <see cref="Total"/> is an estimate; else 0.</summary>
    public double BoundsNotInTotal { get; }

    /// <summary>The EOT every row is scaled to.</summary>
    public double ReferenceEot { get; }

    public const string TotalMethod = "sources";

    /// <summary>The background the limits take: the total, an estimate b ± (stat ⊕ syst) or a bound.</summary>
    public BackgroundInput ForLimits() => Total.ForLimits();

    /// <summary>
    /// The table of <paramref name="samples"/> (by name) scaled to <paramref name="referenceEot"/>, the exposure of the
    /// merged <paramref name="reference"/> (data, or the beam MC standing in for it: <paramref name="referenceFromFiles"/>
    /// false); null when no simulated sample estimates any source.
    /// </summary>
    public static BackgroundTable? From(IReadOnlyList<SampleResult> samples, IReadOnlyList<SampleExposure> exposures, EventSummary reference, bool referenceFromFiles,
        double referenceEot, DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(exposures);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(conditions);
        if (!(referenceEot > 0)) return null;

        var groups = new Dictionary<SampleKind, Group>();
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (s.FromFiles || s.Sample.Kind is not (SampleKind.Beam or SampleKind.Kaon or SampleKind.Dimuon)) continue;
            if (exposures[i].EquivalentEot is not { } equivalent || !(equivalent > 0)) continue;
            if (!groups.TryGetValue(s.Sample.Kind, out var g)) groups[s.Sample.Kind] = g = new Group(s.Sample.Kind);
            g.Add(s, equivalent);
        }
        if (groups.Count == 0) return null;

        var slots = new List<(int Slot, Group Group)>();
        for (var slot = 0; slot < EventSummary.SourceSlots; slot++)
        {
            if (slot == BitOf(TruthFlags.APrime)) continue; // the signal, not a background
            if (OwnerKind(slot, groups) is not { } kind) continue;
            var g = groups[kind];
            var defined = slot == EventSummary.SourceSlots - 1 || (slot < 16 && Enum.IsDefined((TruthFlags)(1 << slot)));
            if (!defined && g.Merged.SourceEvents[slot] == 0) continue;
            slots.Add((slot, g));
        }

        var shapes = slots.Select(x => SourceShape.Of(x.Group.Merged, x.Slot, referenceEot / x.Group.Equivalent)).ToArray();
        var referenceShape = SourceShape.AllEvents(reference);
        var all = (int)Cut.All;
        var referenceMeanWeight = reference.CutFlow[all] == 0 ? 1 : FixedPointWeight.ToDouble(reference.WeightedCutFlow[all]) / reference.CutFlow[all];
        var cells = new SidebandCells(AbcdSidebands.FromCuts(conditions.Cuts));
        var rows = new List<BackgroundRow>(slots.Count);
        for (var k = 0; k < slots.Count; k++)
        {
            var (slot, g) = slots[k];
            var mc = SourceBackground.ForSlot(g.Merged, slot, g.Equivalent, referenceEot);
            var name = SourceBackground.SourceName(slot, EventSummary.SourceSlots);
            // A beam sample that is itself the reference cannot normalise its own shape: that would return its count.
            SidebandEstimate? sideband = null;
            if (g.Kind != SampleKind.Beam || referenceFromFiles)
            {
                var others = SourceShape.Sum(shapes.Where((_, j) => j != k));
                sideband = SidebandNormalisation.Estimate(name, shapes[k], others, referenceShape, referenceMeanWeight, cells);
            }
            rows.Add(new BackgroundRow(name, g.Kind, g.Names, mc, sideband, shapes[k]));
        }

        // The zero counts of one sample's sources are one zero count: their bound is the largest of theirs (the one of
        // the largest mean weight), not their sum; samples of different kinds add.
        double expected = 0, stat2 = 0, syst2 = 0;
        var estimated = 0;
        var boundOfKind = new Dictionary<SampleKind, double>();
        foreach (var r in rows)
        {
            var e = r.Estimate;
            if (e.IsUpperBound) boundOfKind[r.SampleKind] = Math.Max(boundOfKind.GetValueOrDefault(r.SampleKind), e.UpperBound);
            else
            {
                estimated++;
                expected += e.Expected;
                stat2 += e.StatUncertainty * e.StatUncertainty;
                syst2 += e.SystUncertainty * e.SystUncertainty;
            }
        }
        var bounds = boundOfKind.Values.Sum();
        RegionCount[] regions = [.. rows.Select(r => new RegionCount(r.Source, r.McTruth.Regions[0].Count, $"{r.Method}: {string.Join(' ', r.Samples)}"))];
        var total = estimated > 0
            ? new BackgroundEstimate(TotalMethod, expected, Math.Sqrt(stat2), Math.Sqrt(syst2), regions)
            : new BackgroundEstimate(TotalMethod, 0, double.NaN, 0, regions) { UpperBound = bounds };
        return new BackgroundTable(rows, total, estimated > 0 ? bounds : 0, referenceEot);
    }

    /// <summary>The kind of sample a source slot is taken from, among those the campaign has; null if none simulates it.</summary>
    private static SampleKind? OwnerKind(int slot, Dictionary<SampleKind, Group> groups)
    {
        if (slot == BitOf(TruthFlags.Dimuon) && groups.ContainsKey(SampleKind.Dimuon)) return SampleKind.Dimuon;
        if (slot == BitOf(TruthFlags.DecayToElectron) && groups.ContainsKey(SampleKind.Kaon)) return SampleKind.Kaon;
        return groups.ContainsKey(SampleKind.Beam) ? SampleKind.Beam : null;
    }

    private static int BitOf(TruthFlags flag) => System.Numerics.BitOperations.TrailingZeroCount((uint)flag);

    private sealed class Group(SampleKind kind)
    {
        public SampleKind Kind { get; } = kind;
        public EventSummary Merged { get; } = new();
        public double Equivalent { get; private set; }
        public List<string> Names { get; } = [];

        public void Add(SampleResult s, double equivalent)
        {
            Merged.Merge(s.Summary);
            Equivalent += equivalent;
            Names.Add(s.Name);
        }
    }
}
