namespace NA64.Reco.Physics.RawData;

/// <summary>A raw spill file that cannot be read as format v2 or v1: names the file, the byte offset and the reason.</summary>
public sealed class RawFormatException(string file, long offset, RawFormatError reason, string detail)
    : Exception($"raw spill file '{file}': {reason} at byte offset {offset}: {detail}")
{
    /// <summary>Path (or stream name) of the offending file.</summary>
    public string File { get; } = file;

    /// <summary>Byte offset from the start of the file of the structure (or field) at fault.</summary>
    public long Offset { get; } = offset;

    public RawFormatError Reason { get; } = reason;

    /// <summary>The human-readable part of the message, without file, offset and reason.</summary>
    public string Detail { get; } = detail;
}
