using System.Text.Json;
using Akka.Cluster;
using Akka.Hosting;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.CommandHost.Tests.Support;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Messages.Spill;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.CommandHost.Tests;

/// <summary><c>cluster …</c> against a live single-node cluster.</summary>
public sealed class ClusterPaletteTests(LiveNode node) : IClassFixture<LiveNode>
{
    [Fact]
    public async Task Show_lists_the_node_as_an_up_reachable_leader_with_its_roles()
    {
        var reply = await node.SendAsync("cluster show --json");

        Assert.True(reply.Ok, reply.Error);
        using var doc = JsonDocument.Parse(Assert.Single(reply.Body));
        var member = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(Cluster.Get(node.System).SelfAddress.ToString(), member.GetProperty("address").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        // The embedded node has every role: it hosts the work and the campaign manager singleton.
        Assert.Equal($"{PipelineHosting.CoordinatorRole},{PipelineHosting.WorkerRole}", member.GetProperty("roles").GetString());
        Assert.True(member.GetProperty("reachable").GetBoolean());
        Assert.True(member.GetProperty("leader").GetBoolean());
        Assert.True(member.GetProperty("self").GetBoolean());
    }

    [Fact]
    public async Task Show_as_text_is_a_table_with_a_header_and_one_row()
    {
        var reply = await node.SendAsync("cluster show");

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal(3, reply.Body.Count);
        Assert.StartsWith("address", reply.Body[0]);
        Assert.StartsWith(Cluster.Get(node.System).SelfAddress.ToString(), reply.Body[2]);
        Assert.Contains(" Up ", reply.Body[2]);
    }

    [Fact]
    public async Task Wire_lists_refused_payloads_per_sender_and_in_total()
    {
        // A payload this node refuses, read here rather than from a socket: counted under "local".
        var hostile = """{"$type":"System.IO.FileInfo, System.Private.CoreLib","OriginalPath":"/etc/passwd"}"""u8.ToArray();
        Assert.Throws<RefusedPayloadException>(() => node.System.Serialization.Deserialize(hostile, Na64JsonSerializer.Id, "System.Object"));

        var reply = await node.SendAsync("cluster wire");

        Assert.True(reply.Ok, reply.Error);
        Assert.StartsWith("sender", reply.Body[0]);
        Assert.Matches(@"^local\s+[1-9]\d*\s*$", Assert.Single(reply.Body, l => l.StartsWith("local", StringComparison.Ordinal)));
        Assert.Matches(@"^total\s+[1-9]\d*\s*$", reply.Body[^1]);
    }

    [Fact]
    public async Task Tail_shows_this_member_coming_up()
    {
        var reply = await node.SendAsync("cluster tail 50 --json");

        Assert.True(reply.Ok, reply.Error);
        using var doc = JsonDocument.Parse(Assert.Single(reply.Body));
        var self = Cluster.Get(node.System).SelfAddress.ToString();
        Assert.Contains(doc.RootElement.EnumerateArray(), e => e.GetProperty("event").GetString() == "MemberUp" && e.GetProperty("address").GetString() == self);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Leave_and_down_refuse_a_malformed_address_and_a_stranger(string verb)
    {
        Assert.Equal("'not-an-address' is not an actor system address (akka.tcp://na64@host:port)", (await node.SendAsync($"cluster {verb} not-an-address")).Error);
        Assert.Equal("'akka.tcp://na64@10.1.2.3' is not an actor system address (akka.tcp://na64@host:port)", (await node.SendAsync($"cluster {verb} akka.tcp://na64@10.1.2.3")).Error);
        Assert.Equal("akka.tcp://na64@10.1.2.3:4053 is not a member of this cluster (see: cluster show)", (await node.SendAsync($"cluster {verb} akka.tcp://na64@10.1.2.3:4053")).Error);
        Assert.Equal("unexpected argument 'extra'", (await node.SendAsync($"cluster {verb} akka.tcp://na64@10.1.2.3:4053 extra")).Error);
        Assert.Equal(MemberStatus.Up, Cluster.Get(node.System).SelfMember.Status);
    }

    [Fact]
    public async Task Down_needs_an_address()
    {
        Assert.Equal("missing argument ADDRESS", (await node.SendAsync("cluster down")).Error);
        Assert.Equal(MemberStatus.Up, Cluster.Get(node.System).SelfMember.Status);
    }

    [Fact]
    public async Task Join_names_what_is_wrong_with_the_address_and_refuses_a_node_that_is_a_member()
    {
        var self = Cluster.Get(node.System).SelfAddress;

        Assert.Equal("missing argument ADDRESS", (await node.SendAsync("cluster join")).Error);
        Assert.Equal("'garbage' is not an actor system address (akka.tcp://na64@host:port)", (await node.SendAsync("cluster join garbage")).Error);
        Assert.Equal("'akka.tcp://other@127.0.0.1:4053': actor system 'other' is not this node's 'na64'", (await node.SendAsync("cluster join akka.tcp://other@127.0.0.1:4053")).Error);
        Assert.Equal("'akka.ssl.tcp://na64@127.0.0.1:4053': protocol akka.ssl.tcp, this node speaks akka.tcp", (await node.SendAsync("cluster join akka.ssl.tcp://na64@127.0.0.1:4053")).Error);
        Assert.Equal($"{self} is this node: give the address of a member of the cluster to join", (await node.SendAsync($"cluster join {self}")).Error);
        Assert.Equal("this node is already a member (Up) of a cluster: an actor system joins once (restart it to join another)",
            (await node.SendAsync("cluster join akka.tcp://na64@127.0.0.1:4053")).Error);
        Assert.Equal(MemberStatus.Up, Cluster.Get(node.System).SelfMember.Status);
    }

    [Fact]
    public async Task Cluster_sharding_is_an_alias_whose_errors_name_it()
    {
        Assert.Equal("missing command for palette cluster-sharding (try: help cluster-sharding)", (await node.SendAsync("cluster-sharding")).Error);
        Assert.Equal("unknown command 'cluster-sharding nope' (try: help cluster-sharding)", (await node.SendAsync("cluster-sharding nope")).Error);
        // Only the sharding commands are reached through it.
        Assert.Equal("unknown command 'cluster-sharding show' (try: help cluster-sharding)", (await node.SendAsync("cluster-sharding show")).Error);
        Assert.Equal("missing argument TYPE", (await node.SendAsync("cluster-sharding region-stats")).Error);
    }

    [Fact]
    public async Task Down_unreachable_with_everyone_reachable_downs_nobody()
    {
        var reply = await node.SendAsync("cluster down-unreachable");

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal(["no unreachable member"], reply.Body);
    }

    [Fact]
    public async Task Sharding_palette_counts_the_shard_and_entity_a_spill_started()
    {
        // One spill entity started through the real region, its chunk held: exactly one shard with one entity appears.
        var entity = "cmd-test.beam-r1-s00000";
        var spill = new SpillRef("beam-r1-s00000", 0, "beam", SampleResults.Beam, 1, 0, 10);
        var work = new SpillProtocol.ProcessSpill(entity, "cmd-test", spill, 10, DetectorConditions.Default.Hash);
        var shard = new SpillMessageExtractor(node.ShardCount).ShardId(entity, work);
        node.ChunkGate.Reset();
        try
        {
            node.Registry.Get<SpillRegion>().Tell(work, Akka.Actor.ActorRefs.NoSender);
            await AssertStats(shard);
        }
        finally
        {
            node.ChunkGate.Set();
        }
    }

    private async Task AssertStats(string shard)
    {
        // The region starts the shard, then the entity: poll (bounded) until the entity is counted.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        JsonRows shards;
        do shards = Wrap(await node.SendAsync("cluster sharding shard-stats spill --json"));
        while ((shards.Rows.Count == 0 || shards.Rows[0].GetProperty("entities").GetInt32() == 0) && DateTime.UtcNow < deadline);

        var row = Assert.Single(shards.Rows);
        Assert.Equal(shard, row.GetProperty("shard").GetString());
        Assert.Equal(1, row.GetProperty("entities").GetInt32());

        var regions = Wrap(await node.SendAsync("cluster sharding regions --json"));
        Assert.Equal(["spill"], regions.Rows.Select(r => r.GetProperty("type").GetString()!).ToArray());
        Assert.Equal(1, regions.Rows[0].GetProperty("shards").GetInt32());

        var stats = Wrap(await node.SendAsync("cluster sharding region-stats spill --json"));
        var region = Assert.Single(stats.Rows);
        Assert.Equal(Cluster.Get(node.System).SelfAddress.ToString(), region.GetProperty("address").GetString());
        Assert.Equal(1, region.GetProperty("entities").GetInt32());
    }

    [Fact]
    public async Task Sharding_stats_of_an_unknown_type_name_the_known_ones()
    {
        Assert.Equal("no shard region 'nope' on this node (known: spill)", (await node.SendAsync("cluster sharding shard-stats nope")).Error);
        Assert.Equal("missing argument TYPE", (await node.SendAsync("cluster sharding region-stats")).Error);
    }

    private static JsonRows Wrap(NA64.Reco.CommandHost.CommandResponse reply)
    {
        Assert.True(reply.Ok, reply.Error);
        return new JsonRows(JsonDocument.Parse(Assert.Single(reply.Body)).RootElement.EnumerateArray().ToList());
    }

    private sealed record JsonRows(List<JsonElement> Rows);
}
