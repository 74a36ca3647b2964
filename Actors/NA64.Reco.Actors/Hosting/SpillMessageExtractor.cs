using Akka.Cluster.Sharding;
using NA64.Reco.Messages.Spill;

namespace NA64.Reco.Actors.Hosting;

/// <summary>Routes <see cref="SpillProtocol.ProcessSpill"/> to its spill entity.</summary>
public sealed class SpillMessageExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string EntityId(object message) => message switch
    {
        SpillProtocol.ProcessSpill p => p.EntityId,
        _ => null!,
    };
}
