namespace NA64.Reco.Physics.RawData;

/// <summary>
/// The block buffer and the index of a <see cref="SpillFileReader"/>, kept for the next file: a worker that opens
/// one file (or chunk) after another through the same instance allocates them once, not per file. One reader at a
/// time: a reader opened with these buffers owns them until it is disposed.
/// </summary>
public sealed class SpillReadBuffers
{
    internal byte[]? Block;
    internal long[]? Offsets;
}
