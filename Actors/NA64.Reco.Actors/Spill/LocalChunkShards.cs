using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.Actors.Spill;

/// <summary>
/// The chunk shards this node hosts, as last seen by <see cref="LocalChunkShardsWatcher"/>, and how a spill names its
/// chunks onto them: <c>spill#c</c>, or <c>spill#c~k</c> with the first k (at most 32) whose shard is one of them.
/// Chunks named so are reconstructed on this node and their summaries do not cross the wire (docs/performance.md,
/// attempt 17); a stale set only sends a chunk to the node its shard has moved to.
/// </summary>
public sealed class LocalChunkShards(int shardCount)
{
    private const int MaxSuffix = 32;
    private readonly ChunkMessageExtractor _extractor = new(shardCount);
    private volatile IReadOnlySet<string> _shards = new HashSet<string>();

    public void Update(CurrentShardRegionState state)
    {
        var shards = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in state.Shards) shards.Add(s.ShardId);
        _shards = shards;
    }

    /// <summary>The name of chunk <paramref name="chunk"/> of the spill entity <paramref name="spillEntityId"/> with no shard chosen.</summary>
    public static string PlainEntityId(string spillEntityId, int chunk) => spillEntityId + "#" + chunk;

    /// <summary>The entity id of chunk <paramref name="chunk"/> of the spill entity <paramref name="spillEntityId"/>.</summary>
    public string ChunkEntityId(string spillEntityId, int chunk)
    {
        var plain = PlainEntityId(spillEntityId, chunk);
        var shards = _shards;
        if (shards.Count == 0) return plain;
        return ShardedName.FirstOnto(_extractor, plain, MaxSuffix, shards.Contains) ?? plain;
    }
}
