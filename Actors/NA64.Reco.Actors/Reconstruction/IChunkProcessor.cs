using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// Reconstructs the events a chunk descriptor names into a partial summary with the campaign's setup (its conditions,
/// or the muon programme's setup; the physics
/// <c>ChunkProcessor</c> behind an interface, so the pipeline is tested without the physics). Must be thread-safe:
/// chunks of several spills run at once. Corrupt input: throw <see cref="CorruptSpillException"/> or the physics'
/// format exception (the spill is quarantined); input that cannot be read now: throw an <see cref="IOException"/> or
/// <see cref="UnauthorizedAccessException"/> (the spill is tried again later). The summary returned is the caller's: the
/// spill actor merges the spill's other chunks into it.
/// </summary>
public interface IChunkProcessor
{
    EventSummary Process(ChunkWork work, Setup setup, CancellationToken ct);
}
