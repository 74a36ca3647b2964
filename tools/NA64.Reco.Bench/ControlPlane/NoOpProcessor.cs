using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Bench.ControlPlane;

/// <summary>
/// A chunk that costs nothing: no event is generated or reconstructed, the summary only counts them. What remains of a
/// spill is what the control plane does for it (dispatch, sharding, the spill and chunk actors, remoting, the summary's
/// encoding and merge, the journal write), which is what <see cref="ControlPlaneBench"/> measures.
/// </summary>
public sealed class NoOpProcessor : IChunkProcessor
{
    public EventSummary Process(ChunkWork work, NA64.Reco.Physics.Setups.Setup setup, CancellationToken ct) => new() { Events = work.Count };
}
