using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// The detectors of a raw spill file, in the order of its detector table (docs/raw-format.md): they size a
/// <see cref="RawEvent"/> and bound every index a block may hold, so a reader needs no conditions file to decode. A
/// format-v1 file has the seven detectors of <see cref="Standard"/>; a v2 file lists its own.
/// </summary>
public sealed class SpillFileLayout : IEquatable<SpillFileLayout>
{
    /// <summary>
    /// Largest event body a layout may need: 1 MiB, above the 445 kB of v1's largest detector, so that a header of a
    /// few kilobytes cannot make a reader allocate more.
    /// </summary>
    public const int MaxBodyLimit = 1 << 20;

    private readonly RawDetector[] _detectors;

    /// <summary>A layout of the given detectors; names must be unique and every entry valid.</summary>
    public SpillFileLayout(IEnumerable<RawDetector> detectors)
    {
        ArgumentNullException.ThrowIfNull(detectors);
        _detectors = [.. detectors];
        if (ProblemOf(_detectors) is { } problem) throw new ArgumentException($"layout: {problem}", nameof(detectors));
        // What the decoder asks of a detector per section, worked out once.
        EntryBytes = [.. _detectors.Select(d => d.EntryBytes)];
        MaxEntries = [.. _detectors.Select(d => d.MaxEntries)];
        IsHits = [.. _detectors.Select(d => d.Encoding == RawEncoding.Hits)];
    }

    internal int[] EntryBytes { get; }
    internal int[] MaxEntries { get; }
    internal bool[] IsHits { get; }

    /// <summary>The detectors, in table order.</summary>
    public IReadOnlyList<RawDetector> Detectors => _detectors;

    /// <summary>
    /// The invisible-mode detector, the one raw format v1 describes: Micromegas (planes = stations × 2), SRD energies and
    /// times, ECAL preshower and main, HCAL, VETO, in that order.
    /// </summary>
    public static SpillFileLayout Standard(int srdModules, int ecalCells, int hcalModules, int hcalCellsPerModule, int vetoCounters,
        int micromegasPlanes, int micromegasChannels) => new(
    [
        new RawDetector(RawDetector.Micromegas, RawEncoding.Hits, RawUnit.AdcCount, micromegasPlanes, micromegasChannels),
        new RawDetector(RawDetector.SrdEnergy, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, srdModules),
        new RawDetector(RawDetector.SrdTime, RawEncoding.Cells, RawUnit.Picosecond, 1, srdModules),
        new RawDetector(RawDetector.EcalPreshower, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, ecalCells),
        new RawDetector(RawDetector.EcalMain, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, ecalCells),
        new RawDetector(RawDetector.Hcal, RawEncoding.Cells, RawUnit.KiloElectronVolt, hcalModules, hcalCellsPerModule),
        new RawDetector(RawDetector.Veto, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, vetoCounters),
    ]);

    /// <summary>The layout of the detector described by the conditions.</summary>
    public static SpillFileLayout From(DetectorConditions c) => Standard(
        c.Srd.Modules, c.Ecal.Cells, c.Hcal.Modules, c.Hcal.CellsPerModule, c.Veto.Counters,
        c.Micromegas.Stations.Length * 2, c.Micromegas.Channels);

    /// <summary>A new event whose buffers fit this layout.</summary>
    public RawEvent CreateEvent() => new(this);

    /// <summary>True when the event was made for this layout (the same detectors, in the same order).</summary>
    public bool Fits(RawEvent e) => ReferenceEquals(e.Layout, this) || Equals(e.Layout);

    /// <summary>The index of the detector named <paramref name="name"/> in the table, −1 when there is none.</summary>
    public int IndexOf(string name) => Array.FindIndex(_detectors, d => d.Name == name);

    /// <summary>
    /// The largest body a writer can produce for this layout (docs/raw-format.md, "Length limits"); a block claiming
    /// more is rejected as absurd before anything is read or allocated for it.
    /// </summary>
    public int MaxBodyBytes
    {
        get
        {
            var sections = 0;
            foreach (var d in _detectors) sections += SpillFormat.SectionPrefixBytes + d.MaxEntries * d.EntryBytes;
            return SpillFormat.BodyFixedBytes + sections + SpillFormat.TruthBytes;
        }
    }

    /// <summary>The same bound for the fixed body of format v1 (no section prefixes, its seven-count table).</summary>
    internal int MaxBodyBytesV1
    {
        get
        {
            var cells = 0;
            foreach (var d in _detectors) cells += d.MaxEntries * d.EntryBytes;
            return SpillFormat.V1BodyFixedBytes + cells + SpillFormat.TruthBytes;
        }
    }

    /// <summary>Bytes of a cell index in a section of a detector with <paramref name="cells"/> cells: 1 up to 256 cells, else 2.</summary>
    public static int IndexBytes(int cells) => cells <= 256 ? 1 : 2;

    /// <summary>Why these detectors cannot form a layout, or null.</summary>
    internal static string? ProblemOf(RawDetector[] detectors)
    {
        if (detectors.Length is < 1 or > RawDetector.MaxDetectors) return $"{detectors.Length} detectors, outside 1..{RawDetector.MaxDetectors}";
        for (var i = 0; i < detectors.Length; i++)
        {
            var d = detectors[i];
            if (d is null) return $"detector {i} is null";
            if (d.Problem() is { } problem) return problem;
            for (var j = 0; j < i; j++)
                if (detectors[j].Name == d.Name) return $"detector name '{d.Name}' appears twice";
            if (d.Name == RawDetector.Micromegas && (d.Encoding != RawEncoding.Hits || d.Groups > RawEvent.MaxMicromegasPlanes))
                return $"'{d.Name}' must be hits on at most {RawEvent.MaxMicromegasPlanes} planes";
            if (Expected(d.Name) is { } expected && (d.Encoding != expected.Encoding || d.Unit != expected.Unit))
                return $"'{d.Name}' must be {expected.Encoding} in {expected.Unit}, not {d.Encoding} in {d.Unit}";
        }
        long body = SpillFormat.BodyFixedBytes + SpillFormat.TruthBytes;
        foreach (var d in detectors) body += SpillFormat.SectionPrefixBytes + (long)d.MaxEntries * d.EntryBytes;
        if (body > MaxBodyLimit) return $"the detectors need event bodies of up to {body} bytes, more than {MaxBodyLimit}";
        return null;
    }

    /// <summary>v1's bounds on the standard detector, for a v1 header.</summary>
    internal static string? V1Problem(int srd, int ecal, int hcalModules, int hcalCells, int veto, int planes, int channels)
    {
        if (srd is < 1 or > 255) return $"srdModules {srd} is outside 1..255";
        if (veto is < 1 or > 255) return $"vetoCounters {veto} is outside 1..255";
        if (hcalModules is < 1 or > 255) return $"hcalModules {hcalModules} is outside 1..255";
        if (hcalCells is < 1 or > 255) return $"hcalCellsPerModule {hcalCells} is outside 1..255";
        if (planes is < 1 or > RawEvent.MaxMicromegasPlanes) return $"micromegasPlanes {planes} is outside 1..{RawEvent.MaxMicromegasPlanes}";
        if (ecal is < 1 or > 4096) return $"ecalCells {ecal} is outside 1..4096";
        if (channels is < 1 or > 256) return $"micromegasChannels {channels} is outside 1..256";
        return null;
    }

    private static (RawEncoding Encoding, RawUnit Unit)? Expected(string name) => name switch
    {
        RawDetector.Micromegas => (RawEncoding.Hits, RawUnit.AdcCount),
        RawDetector.SrdTime => (RawEncoding.Cells, RawUnit.Picosecond),
        RawDetector.SrdEnergy or RawDetector.EcalPreshower or RawDetector.EcalMain or RawDetector.Hcal or RawDetector.Veto
            => (RawEncoding.Cells, RawUnit.KiloElectronVolt),
        _ => null,
    };

    public bool Equals(SpillFileLayout? other) => other is not null && _detectors.AsSpan().SequenceEqual(other._detectors);

    public override bool Equals(object? obj) => Equals(obj as SpillFileLayout);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _detectors) h.Add(d);
        return h.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _detectors.Select(d => d.ToString()));
}
