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
/// §4a; without them the biased beam samples), the biased beam samples for <c>electro-nuclear</c>, the unbiased beam
/// samples for every other source; samples of one role are merged (their exposures add), samples of different roles
/// stand for disjoint parts of the beam or of its processes and never count the same source twice. Every event counts under
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

        var groups = new Dictionary<Role, Group>();
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            if (s.FromFiles || RoleOf(s.Sample) is not { } role) continue;
            if (exposures[i].EquivalentEot is not { } equivalent || !(equivalent > 0)) continue;
            if (!groups.TryGetValue(role, out var g)) groups[role] = g = new Group(role, s.Sample.Kind);
            g.Add(s, equivalent);
        }
        if (groups.Count == 0) return null;

        var slots = new List<(int Slot, Group Group)>();
        for (var slot = 0; slot < EventSummary.SourceSlots; slot++)
        {
            if (slot == BitOf(TruthFlags.APrime)) continue; // the signal, not a background
            if (Owner(slot, groups) is not { } owner) continue;
            var g = groups[owner];
            if (!SourceBackground.IsNamedSlot(slot, EventSummary.SourceSlots) && g.Merged.SourceEvents[slot] == 0) continue;
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
            if (g.Role != Role.Beam || referenceFromFiles)
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
        var boundOfSamples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var e = r.Estimate;
            var samplesKey = string.Join(' ', r.Samples);
            if (e.IsUpperBound) boundOfSamples[samplesKey] = Math.Max(boundOfSamples.GetValueOrDefault(samplesKey), e.UpperBound);
            else
            {
                estimated++;
                expected += e.Expected;
                stat2 += e.StatUncertainty * e.StatUncertainty;
                syst2 += e.SystUncertainty * e.SystUncertainty;
            }
        }
        var bounds = boundOfSamples.Values.Sum();
        RegionCount[] regions = [.. rows.Select(r => new RegionCount(r.Source, r.McTruth.Regions[0].Count, $"{r.Method}: {string.Join(' ', r.Samples)}"))];
        var total = estimated > 0
            ? new BackgroundEstimate(TotalMethod, expected, Math.Sqrt(stat2), Math.Sqrt(syst2), regions)
            : new BackgroundEstimate(TotalMethod, 0, double.NaN, 0, regions) { UpperBound = bounds };
        return new BackgroundTable(rows, total, estimated > 0 ? bounds : 0, referenceEot);
    }

    /// <summary>
    /// The samples a source slot is taken from, among those the campaign has; null if none simulates it. A biased beam
    /// estimates only what its bias forces: a forced process has probability 1 there, so the sample holds no event of
    /// its other outcomes (a hadron that does not decay, an electron that does not interact).
    /// </summary>
    private static Role? Owner(int slot, Dictionary<Role, Group> groups)
    {
        if (slot == BitOf(TruthFlags.Dimuon) && groups.ContainsKey(Role.Dimuon)) return Role.Dimuon;
        if (slot == BitOf(TruthFlags.DecayToElectron))
        {
            if (groups.ContainsKey(Role.Kaon)) return Role.Kaon;
            if (groups.ContainsKey(Role.BiasedBeam)) return Role.BiasedBeam;
        }
        if (slot == BitOf(TruthFlags.ElectroNuclear) && groups.ContainsKey(Role.BiasedBeam)) return Role.BiasedBeam;
        if (slot == BitOf(TruthFlags.PhotoNuclear) && groups.ContainsKey(Role.Electron)) return Role.Electron;
        return groups.ContainsKey(Role.Beam) ? Role.Beam : null;
    }

    /// <summary>What a simulated sample stands for in the table; null for a kind that estimates no source here.</summary>
    private static Role? RoleOf(SampleDescriptor sample) => sample.Kind switch
    {
        SampleKind.Beam => sample.IsBiased ? Role.BiasedBeam : Role.Beam,
        SampleKind.Kaon => Role.Kaon,
        SampleKind.Dimuon => Role.Dimuon,
        SampleKind.Electron => Role.Electron,
        _ => null,
    };

    private enum Role { Beam, BiasedBeam, Kaon, Dimuon, Electron }

    private static int BitOf(TruthFlags flag) => System.Numerics.BitOperations.TrailingZeroCount((uint)flag);

    private sealed class Group(Role role, SampleKind kind)
    {
        public Role Role { get; } = role;
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
