using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Reconstruction;

/// <summary>What a reconstruction actor accepts (from a spill actor) and replies.</summary>
public static class ReconstructionProtocol
{
    /// <summary>Reconstruct the events a descriptor names; the actor reads or generates them itself.</summary>
    /// <param name="EntityId">Sharding key: spill entity id and chunk index.</param>
    public sealed record ProcessChunk(string EntityId, ChunkWork Work) : INa64Message;

    /// <summary>The partial summary of one chunk.</summary>
    public sealed record ChunkResult(string EntityId, int Chunk, SpillSummary Summary) : INa64Message;

    /// <summary>The chunk's input is corrupt (or the processor failed): where and why.</summary>
    /// <param name="Offset">Byte offset of the fault, or -1 if unknown.</param>
    public sealed record ChunkFailed(string EntityId, int Chunk, string File, long Offset, string Reason) : INa64Message;

    /// <summary>The reconstruction actor was stopped before its answer, its shard handed over: send the chunk again now.</summary>
    public sealed record ChunkInterrupted(string EntityId, int Chunk) : INa64Message;
}
