using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Processing;

/// <summary>
/// Reconstructs the events a chunk descriptor names into a partial summary (the physics
/// <c>ChunkProcessor</c> behind an interface, so the pipeline is tested without the physics).
/// Must be thread-safe: chunks of several spills run at once. Bad input: throw
/// <see cref="CorruptSpillException"/> (any other exception quarantines the spill as well).
/// </summary>
public interface IChunkProcessor
{
    SpillSummary Process(ChunkWork work, CancellationToken ct);
}
