namespace NA64.Reco.Physics.RawData;

/// <summary>Constants of the raw spill format, versions 1 and 2; docs/raw-format.md is the normative description.</summary>
internal static class SpillFormat
{
    /// <summary>The version the writer writes.</summary>
    public const ushort Version = 2;

    /// <summary>The first version, still read: the invisible-mode detector fixed in its header.</summary>
    public const ushort Version1 = 1;

    /// <summary>"NA64RAW" followed by 0x1A (the DOS end-of-text byte, so that `type` on a raw file stops early).</summary>
    public static ReadOnlySpan<byte> Magic => "NA64RAW\x1A"u8;

    public static ReadOnlySpan<byte> FooterMagic => "NA64END\x1A"u8;

    /// <summary>Header bytes before the scalers (both versions).</summary>
    public const int FixedHeaderBytes = 72;

    /// <summary>Fixed header, the header CRC: v1's header length is this + 8 × scalers + conditions id bytes.</summary>
    public const int HeaderOverheadBytes = FixedHeaderBytes + 4;

    public const int MinScalers = 2;
    public const int MaxScalers = 256;
    public const int MaxConditionsIdBytes = 1024;

    /// <summary>The longest header of a v2 file: every field at its maximum.</summary>
    public const int MaxHeaderBytes = HeaderOverheadBytes + 8 * MaxScalers + MaxConditionsIdBytes
        + RawDetector.MaxDetectors * (7 + RawDetector.MaxNameBytes);

    /// <summary>
    /// Largest value of a scaler: 10¹² counts in one spill, 10⁵ times the H4 beam's electrons per spill. A count
    /// is never negative, and 10⁸ spills (a campaign's limit) of this many still sum within an i64.
    /// </summary>
    public const long MaxScalerCount = 1_000_000_000_000;

    /// <summary>Length field + CRC field in front of each body.</summary>
    public const int BlockPrefixBytes = 8;

    /// <summary>v2: event number, flags, reserved byte and the u16 section count: an event without hits.</summary>
    public const int BodyFixedBytes = 12;

    /// <summary>v2: detector index, reserved byte and the u16 entry count in front of a section's entries.</summary>
    public const int SectionPrefixBytes = 4;

    /// <summary>v1: event number, flags, reserved byte and the table of seven u16 counts.</summary>
    public const int V1BodyFixedBytes = 24;

    /// <summary>A block length field with this value ends the events and starts the index.</summary>
    public const uint EndOfEvents = 0xFFFF_FFFFu;

    /// <summary>Marker, CRC and count in front of the index offsets.</summary>
    public const int IndexPrefixBytes = 16;

    public const int FooterBytes = 32;

    public const byte FlagTruth = 1;

    /// <summary>Particle (1) + truth flags (2) + seven doubles.</summary>
    public const int TruthBytes = 3 + 7 * 8;

    /// <summary>The smallest body of a file of <paramref name="version"/>.</summary>
    public static int MinBodyBytes(ushort version) => version == Version1 ? V1BodyFixedBytes : BodyFixedBytes;
}
