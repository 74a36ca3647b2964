using Akka.Actor;
using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// Which worker node a coordinator's next spill goes to: the one with the fewest of its spills in flight (ties in
/// address order), reached by naming the spill entity <c>campaign.spill</c>, or <c>campaign.spill~k</c> with the first
/// k whose shard that node hosts, as last reported by <see cref="ClusterShardingStats"/>. Spills placed by shard hash
/// alone leave a node empty (K − 1)/(N + K − 1) of the time with N spills in flight on K nodes (a closed network of
/// equal stations), and a spill's chunks run on its node, so that was idle CPU (docs/performance-log.md). A stale map only sends a spill to the node its shard moved to; with no map
/// yet, spills get their plain names.
/// </summary>
public sealed class SpillPlacement(int shardCount)
{
    /// <summary>Names tried per spill: a node hosting one shard of 64 is found within 8 × 64 names but for 3 in 10,000.</summary>
    private readonly int _maxSuffix = 8 * shardCount;
    private readonly SpillMessageExtractor _extractor = new(shardCount);
    private readonly Dictionary<string, Address> _homes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<Address, int> _load = new(AddressOrder.Instance);
    private readonly Dictionary<string, Address?> _nodeOf = new(StringComparer.Ordinal);

    /// <summary>Worker nodes (spill regions) in the last map, hosting shards or not.</summary>
    public int Nodes => _load.Count;

    /// <summary>Spills in flight on <paramref name="node"/> as far as the last map tells (0 for a node not in it).</summary>
    public int InFlightOn(Address node) => _load.GetValueOrDefault(node);

    /// <summary>The shard homes reported by the shard coordinator; the spills in flight are counted again on them.</summary>
    public void Update(ClusterShardingStats stats)
    {
        _homes.Clear();
        _load.Clear();
        foreach (var (node, region) in stats.Regions)
        {
            // A region hosting no shard yet (a worker that just joined) is a node too: it gets spills named onto a
            // shard nobody hosts (see Place), instead of waiting for sharding's rebalance to move one onto it.
            _load[node] = 0;
            // A shard that did not answer in time (Failed) is still hosted there.
            foreach (var shard in region.Stats.Keys) _homes[shard] = node;
            if (region.Failed is not null) foreach (var shard in region.Failed) _homes[shard] = node;
        }
        foreach (var entity in _nodeOf.Keys.ToArray())
        {
            var node = HomeOf(entity);
            _nodeOf[entity] = node;
            if (node is not null) _load[node]++;
        }
    }

    /// <summary>
    /// The entity name for the spill entity <paramref name="plainEntityId"/>, sent now: on the least loaded node of the
    /// map, counted in flight there until <see cref="Release"/>.
    /// </summary>
    public string Place(string plainEntityId)
    {
        var id = plainEntityId;
        if (LeastLoaded() is { } target)
        {
            id = FirstOnto(plainEntityId, shard => target.Equals(_homes.GetValueOrDefault(shard)))
                 // The node hosts no shard: a shard nobody hosts is allocated to the region with the fewest shards
                 // (Akka's least-shard allocation), which is that node; counted there until the next map says otherwise.
                 ?? (FirstOnto(plainEntityId, shard => !_homes.ContainsKey(shard)) is { } unallocated
                     ? Claim(unallocated, target)
                     : plainEntityId);
        }
        var node = HomeOf(id);
        _nodeOf[id] = node;
        if (node is not null) _load[node]++;
        return id;
    }

    private string Claim(string entityId, Address node)
    {
        _homes[_extractor.ShardId(entityId, null!)] = node;
        return entityId;
    }

    /// <summary>The spill named <paramref name="entityId"/> is no longer in flight.</summary>
    public void Release(string entityId)
    {
        if (_nodeOf.Remove(entityId, out var node) && node is not null && _load.TryGetValue(node, out var n)) _load[node] = n - 1;
    }

    private Address? LeastLoaded()
    {
        Address? best = null;
        var least = int.MaxValue;
        foreach (var (node, n) in _load)
            if (n < least)
            {
                best = node;
                least = n;
            }
        return best;
    }

    private Address? HomeOf(string entityId) => _homes.GetValueOrDefault(_extractor.ShardId(entityId, null!));

    private sealed class AddressOrder : IComparer<Address>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(Address? x, Address? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
    }

    /// <summary>
    /// The first of <paramref name="plain"/>, <c>plain~1</c> … whose shard <paramref name="accepts"/>; null if none. The
    /// names stay distinct, so sharding's one entity per name holds.
    /// </summary>
    private string? FirstOnto(string plain, Func<string, bool> accepts)
    {
        for (var k = 0; k <= _maxSuffix; k++)
        {
            var id = k == 0 ? plain : plain + "~" + k;
            if (accepts(_extractor.ShardId(id, null!))) return id;
        }
        return null;
    }
}
