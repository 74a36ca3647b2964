namespace NA64.Reco.Physics.RawData;

/// <summary>Constants of raw spill format v1; docs/raw-format.md is the normative description.</summary>
internal static class SpillFormat
{
    public const ushort Version = 1;

    /// <summary>"NA64RAW" followed by 0x1A (the DOS end-of-text byte, so that `type` on a raw file stops early).</summary>
    public static ReadOnlySpan<byte> Magic => "NA64RAW\x1A"u8;

    public static ReadOnlySpan<byte> FooterMagic => "NA64END\x1A"u8;

    /// <summary>Header bytes before the scalers.</summary>
    public const int FixedHeaderBytes = 72;

    /// <summary>Header length = 76 + 8 × scalers + conditions id bytes.</summary>
    public const int HeaderOverheadBytes = FixedHeaderBytes + 4;

    public const int MinScalers = 2;
    public const int MaxScalers = 256;
    public const int MaxConditionsIdBytes = 1024;

    /// <summary>
    /// Largest value of a scaler: 10¹² counts in one spill, 10⁵ times the H4 beam's electrons per spill. A count
    /// is never negative, and 10⁸ spills (a campaign's limit) of this many still sum within an i64.
    /// </summary>
    public const long MaxScalerCount = 1_000_000_000_000;

    /// <summary>Length field + CRC field in front of each body.</summary>
    public const int BlockPrefixBytes = 8;

    /// <summary>Event number, flags, reserved byte and the table of seven u16 counts: an event without hits.</summary>
    public const int BodyFixedBytes = 24;

    public const int MinBodyBytes = BodyFixedBytes;

    /// <summary>A block length field with this value ends the events and starts the index.</summary>
    public const uint EndOfEvents = 0xFFFF_FFFFu;

    /// <summary>Marker, CRC and count in front of the index offsets.</summary>
    public const int IndexPrefixBytes = 16;

    public const int FooterBytes = 32;

    public const byte FlagTruth = 1;

    /// <summary>Particle (1) + truth flags (2) + seven doubles.</summary>
    public const int TruthBytes = 3 + 7 * 8;
}
