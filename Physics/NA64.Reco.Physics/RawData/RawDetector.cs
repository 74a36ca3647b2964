namespace NA64.Reco.Physics.RawData;

/// <summary>
/// One entry of a raw file's detector table (docs/raw-format.md, "Detector table"): what a reader needs to decode,
/// bound and name that detector's data without a conditions file. A cell detector has <see cref="Groups"/> modules of
/// <see cref="PerGroup"/> cells (index = module × PerGroup + cell); a hit detector has Groups planes of PerGroup channels.
/// </summary>
/// <param name="Name">1 to 32 characters of [a-z0-9.-]; unique within a file.</param>
/// <param name="Encoding">Hits or cells.</param>
/// <param name="Unit">The unit of the stored values.</param>
/// <param name="Groups">Modules (cells) or planes (hits), 1..65535 (hits: 1..256); at most 65535 cells in all.</param>
/// <param name="PerGroup">Cells per module or channels per plane, 1..65535 (hits: 1..256).</param>
public sealed record RawDetector(string Name, RawEncoding Encoding, RawUnit Unit, int Groups, int PerGroup)
{
    /// <summary>The Micromegas trackers (hits, ADC counts; planes = station × 2 + 0 for X, 1 for Y).</summary>
    public const string Micromegas = "micromegas";
    /// <summary>SRD module energies (cells, keV).</summary>
    public const string SrdEnergy = "srd.energy";
    /// <summary>SRD module times (cells, ps).</summary>
    public const string SrdTime = "srd.time";
    /// <summary>ECAL preshower section (cells, keV; cell = iy × nx + ix).</summary>
    public const string EcalPreshower = "ecal.preshower";
    /// <summary>ECAL main section (cells, keV).</summary>
    public const string EcalMain = "ecal.main";
    /// <summary>HCAL (cells, keV; module × cells per module + iy × nx + ix).</summary>
    public const string Hcal = "hcal";
    /// <summary>VETO counters (cells, keV).</summary>
    public const string Veto = "veto";

    /// <summary>Most hits a hit detector stores per event.</summary>
    public const int MaxHits = 512;
    /// <summary>Most detectors in a file's table.</summary>
    public const int MaxDetectors = 64;
    /// <summary>Most cells of a cell detector: a section's u16 count must be able to hold every one.</summary>
    public const int MaxCells = ushort.MaxValue;
    /// <summary>Longest name, in bytes.</summary>
    public const int MaxNameBytes = 32;

    /// <summary>Cells (modules × cells per module) or channel slots (planes × channels).</summary>
    public int Cells => Groups * PerGroup;

    /// <summary>Bytes of one stored entry: a hit is 4, a cell its index (1 byte up to 256 cells, else 2) and an i32.</summary>
    public int EntryBytes => Encoding == RawEncoding.Hits ? 4 : SpillFileLayout.IndexBytes(Cells) + 4;

    /// <summary>Most entries an event block may hold for this detector.</summary>
    public int MaxEntries => Encoding == RawEncoding.Hits ? MaxHits : Cells;

    /// <summary>Why this entry cannot be in a detector table, or null when it can.</summary>
    public string? Problem()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > MaxNameBytes || !Name.All(c => c < 128 && IsNameByte((byte)c)))
            return $"name '{Name}' is not 1..{MaxNameBytes} characters of [a-z0-9.-]";
        if (!Enum.IsDefined(Encoding)) return $"'{Name}': unknown encoding {(byte)Encoding}";
        if (!Enum.IsDefined(Unit)) return $"'{Name}': unknown unit {(byte)Unit}";
        var limit = Encoding == RawEncoding.Hits ? 256 : ushort.MaxValue;
        if (Groups < 1 || Groups > limit) return $"'{Name}': {Groups} {(Encoding == RawEncoding.Hits ? "planes" : "modules")} is outside 1..{limit}";
        if (PerGroup < 1 || PerGroup > limit) return $"'{Name}': {PerGroup} {(Encoding == RawEncoding.Hits ? "channels" : "cells per module")} is outside 1..{limit}";
        // Checked as a product of longs before Cells is used anywhere: 65535 × 65535 overflows an int.
        if (Encoding == RawEncoding.Cells && (long)Groups * PerGroup > MaxCells)
            return $"'{Name}': {(long)Groups * PerGroup} cells, more than the {MaxCells} a section's u16 count holds";
        if (Encoding == RawEncoding.Hits && Unit != RawUnit.AdcCount) return $"'{Name}': hit amplitudes are ADC counts, not {Unit}";
        return null;
    }

    /// <summary>Bytes of this entry in the header: encoding, unit, groups, per group, name length, name.</summary>
    internal int DescriptorBytes => 7 + System.Text.Encoding.ASCII.GetByteCount(Name);

    /// <summary>The detector as messages name it: the Micromegas keep the capitalised name v1's messages gave them.</summary>
    internal string Label => Name == Micromegas ? "Micromegas" : Name;

    internal static bool IsNameByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9' or (byte)'.' or (byte)'-';

    internal static string NameOf(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);

    public override string ToString() =>
        Encoding == RawEncoding.Hits ? $"{Name} ({Groups} planes × {PerGroup} channels, hits)" : $"{Name} ({Groups} × {PerGroup} cells, {Unit})";
}
