using Akka.Cluster.Sharding;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// An entity name steered onto a shard of one's choice: the plain name, or <c>plain~k</c> with the first k whose shard
/// is accepted. Spills are named so onto the least loaded node (<see cref="Campaign.SpillPlacement"/>), chunks onto
/// their spill's node (<see cref="Spill.LocalChunkShards"/>); the names stay distinct, so sharding's one entity per
/// name holds.
/// </summary>
public static class ShardedName
{
    /// <summary>The first of <paramref name="plain"/>, <c>plain~1</c> … <c>plain~maxSuffix</c> whose shard <paramref name="accepts"/>; null if none.</summary>
    public static string? FirstOnto(HashCodeMessageExtractor extractor, string plain, int maxSuffix, Func<string, bool> accepts)
    {
        for (var k = 0; k <= maxSuffix; k++)
        {
            var id = k == 0 ? plain : plain + "~" + k;
            if (accepts(extractor.ShardId(id, null!))) return id;
        }
        return null;
    }
}
