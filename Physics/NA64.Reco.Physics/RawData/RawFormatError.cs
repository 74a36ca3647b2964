namespace NA64.Reco.Physics.RawData;

/// <summary>Why a raw spill file was rejected (docs/raw-format.md, "Errors").</summary>
public enum RawFormatError
{
    /// <summary>The file has no bytes at all.</summary>
    Empty,
    /// <summary>The file does not start with the NA64 raw magic: not a raw spill file.</summary>
    BadMagic,
    /// <summary>A format version (or header flag) this reader does not know, e.g. a file from a newer writer.</summary>
    UnsupportedVersion,
    /// <summary>The header checksum is right but a field is out of range (detector counts, sample kind, lengths).</summary>
    CorruptHeader,
    /// <summary>The file ends inside a structure (header, event block, index) or has no end-of-events marker / footer.</summary>
    Truncated,
    /// <summary>The CRC-32C of the header or of an event block body does not match its contents.</summary>
    ChecksumMismatch,
    /// <summary>An event block length below the minimum body, or disagreeing with the index.</summary>
    BadLength,
    /// <summary>An event block length above the largest body a writer can produce for this detector layout.</summary>
    AbsurdLength,
    /// <summary>An event block whose checksum matches but whose body does not parse (overlong varint, bad flags, trailing bytes).</summary>
    CorruptBlock,
    /// <summary>A hit names a plane, channel or cell outside the detector layout of the header.</summary>
    ChannelOutOfRange,
    /// <summary>The footer or the event index is inconsistent with itself or with the file.</summary>
    CorruptIndex,
    /// <summary>A well-formed file of another detector than the one of the conditions it is to be processed with.</summary>
    OtherDetector,
}
