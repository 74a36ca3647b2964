using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// What a reconstruction actor tells the spill actor that made it, on the same node: never crosses the wire (chunks
/// are reconstructed where their spill is, and only the spill's merged summary travels).
/// </summary>
public static class ReconstructionProtocol
{
    /// <summary>The partial summary of one chunk.</summary>
    public sealed record ChunkResult(int Chunk, EventSummary Summary);

    /// <summary>The chunk could not be reconstructed: where and why, and whether it is worth trying again later.</summary>
    /// <param name="Offset">Byte offset of the fault, or -1 if unknown.</param>
    /// <param name="IsReadError">An I/O condition (missing, unreadable, changed file): retried; otherwise the input is corrupt.</param>
    public sealed record ChunkFailed(int Chunk, string File, long Offset, string Reason, bool IsReadError);
}
