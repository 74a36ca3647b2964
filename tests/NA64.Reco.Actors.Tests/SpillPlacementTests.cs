using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.Actors.Tests;

/// <summary>Spills named onto the worker node with the fewest of them in flight (docs/performance-log.md).</summary>
public sealed class SpillPlacementTests
{
    private const int Shards = 16;
    private static readonly Address A = new("akka.tcp", "na64", "10.0.0.1", 5000);
    private static readonly Address B = new("akka.tcp", "na64", "10.0.0.2", 5000);
    private static readonly SpillMessageExtractor Extractor = new(Shards);

    /// <summary>Node A hosts the shards <paramref name="onA"/> picks (the even ones unless given), node B the others; without
    /// <paramref name="withB"/>, B's region is not in the map (B left the cluster).</summary>
    private static ClusterShardingStats Map(Func<int, bool>? onA = null, bool withB = true)
    {
        onA ??= s => s % 2 == 0;
        var a = ImmutableDictionary.CreateBuilder<string, int>();
        var b = ImmutableDictionary.CreateBuilder<string, int>();
        for (var s = 0; s < Shards; s++) (onA(s) ? a : b)[s.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 0;
        var regions = ImmutableDictionary<Address, ShardRegionStats>.Empty.Add(A, new ShardRegionStats(a.ToImmutable(), ImmutableHashSet<string>.Empty));
        return new ClusterShardingStats(withB ? regions.Add(B, new ShardRegionStats(b.ToImmutable(), ImmutableHashSet<string>.Empty)) : regions);
    }

    private static bool OnA(string entityId) => int.Parse(Extractor.ShardId(entityId, null!), System.Globalization.CultureInfo.InvariantCulture) % 2 == 0;

    [Fact]
    public void Without_a_map_spills_keep_their_plain_names()
    {
        var placement = new SpillPlacement(Shards);
        Assert.Equal("c.s1", placement.Place("c.s1"));
        Assert.Equal(0, placement.Nodes);
    }

    [Fact]
    public void Spills_alternate_between_equally_loaded_nodes_and_refill_the_node_that_finished_one()
    {
        var placement = new SpillPlacement(Shards);
        placement.Update(Map());

        var names = Enumerable.Range(0, 8).Select(i => placement.Place($"camp.beam-r1-s{i:D5}")).ToArray();
        // Ties go to the first node in address order: A, B, A, B, ...
        Assert.Equal([true, false, true, false, true, false, true, false], names.Select(OnA));
        Assert.All(names.Select((n, i) => (n, i)), x => Assert.StartsWith($"camp.beam-r1-s{x.i:D5}", x.n));
        Assert.Equal((4, 4), (placement.InFlightOn(A), placement.InFlightOn(B)));

        // Two spills of B finish: the next two go to B, whatever their plain names hash to.
        placement.Release(names[1]);
        placement.Release(names[3]);
        Assert.Equal((4, 2), (placement.InFlightOn(A), placement.InFlightOn(B)));
        Assert.False(OnA(placement.Place("camp.beam-r1-s00008")));
        Assert.False(OnA(placement.Place("camp.beam-r1-s00009")));
        Assert.Equal((4, 4), (placement.InFlightOn(A), placement.InFlightOn(B)));
    }

    [Fact]
    public void A_new_map_counts_the_spills_in_flight_where_their_shards_now_are()
    {
        var placement = new SpillPlacement(Shards);
        var plain = Enumerable.Range(0, 6).Select(i => placement.Place($"c.s{i}")).ToArray(); // no map: plain names, no node
        Assert.Equal(["c.s0", "c.s1", "c.s2", "c.s3", "c.s4", "c.s5"], plain);

        placement.Update(Map());
        var onA = plain.Count(OnA);
        Assert.Equal((onA, 6 - onA), (placement.InFlightOn(A), placement.InFlightOn(B)));

        // Every shard moves to A (B left): all six are counted on A, and B is no longer a node to place on.
        placement.Update(Map(_ => true, withB: false));
        Assert.Equal(1, placement.Nodes);
        Assert.Equal((6, 0), (placement.InFlightOn(A), placement.InFlightOn(B)));
        Assert.Equal("c.s6", placement.Place("c.s6")); // every name lands on A
        Assert.Equal(7, placement.InFlightOn(A));
        foreach (var p in plain) placement.Release(p);
        Assert.Equal(1, placement.InFlightOn(A));
    }

    [Fact]
    public void A_node_with_a_single_shard_is_still_found()
    {
        var placement = new SpillPlacement(Shards);
        placement.Update(Map(s => s != 11)); // B hosts shard 11 only
        placement.Place("c.s0"); // A (first in address order)
        var toB = placement.Place("c.s1");
        Assert.Equal("11", Extractor.ShardId(toB, null!));
        Assert.Equal((1, 1), (placement.InFlightOn(A), placement.InFlightOn(B)));
    }

    [Fact]
    public void A_node_that_joined_and_hosts_no_shard_gets_spills_on_shards_nobody_hosts()
    {
        var placement = new SpillPlacement(Shards);
        // A hosts the even shards, B (just joined) none, the odd shards are not allocated yet.
        var a = Enumerable.Range(0, Shards).Where(s => s % 2 == 0).ToImmutableDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => 0);
        placement.Update(new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty
            .Add(A, new ShardRegionStats(a, ImmutableHashSet<string>.Empty)).Add(B, new ShardRegionStats(ImmutableDictionary<string, int>.Empty, ImmutableHashSet<string>.Empty))));
        Assert.Equal(2, placement.Nodes);

        Assert.True(OnA(placement.Place("c.s0"))); // A first in address order
        var toB = placement.Place("c.s1");
        Assert.False(OnA(toB));
        Assert.Equal((1, 1), (placement.InFlightOn(A), placement.InFlightOn(B)));
        Assert.True(OnA(placement.Place("c.s2")));
        // B's claimed shard is B's until a map says otherwise.
        Assert.Equal(Extractor.ShardId(toB, null!), Extractor.ShardId(placement.Place("c.s3"), null!));
        Assert.Equal((2, 2), (placement.InFlightOn(A), placement.InFlightOn(B)));
    }
}
