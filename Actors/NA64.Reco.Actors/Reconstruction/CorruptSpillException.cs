namespace NA64.Reco.Actors.Reconstruction;

/// <summary>Input that cannot be read: which file, where, and why. Quarantines its spill.</summary>
public sealed class CorruptSpillException(string file, long offset, string reason, Exception? inner = null)
    : Exception($"{file} @ {offset}: {reason}", inner)
{
    public string File { get; } = file;
    /// <summary>Byte offset of the fault, or -1 if unknown.</summary>
    public long Offset { get; } = offset;
    public string Reason { get; } = reason;
}
