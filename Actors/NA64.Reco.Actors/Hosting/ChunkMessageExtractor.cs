using Akka.Cluster.Sharding;
using NA64.Reco.Messages.Reconstruction;

namespace NA64.Reco.Actors.Hosting;

/// <summary>Routes <see cref="ReconstructionProtocol.ProcessChunk"/> to its chunk entity.</summary>
public sealed class ChunkMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string EntityId(object message) => message switch
    {
        ReconstructionProtocol.ProcessChunk p => p.EntityId,
        _ => null!,
    };
}
