using System.Text.Json;
using Akka.Cluster;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// The Petabridge.Cmd verbs that change the membership, against a real cluster of nodes wired as <c>na64 node</c> wires
/// them: <c>cluster down</c>, <c>cluster leave [ADDRESS]</c>, <c>cluster join</c>, through the real <c>na64 cmd</c> where the
/// token matters; and what the second node shows on the first (<c>remote</c>, <c>cluster-sharding</c>).
/// </summary>
public sealed class ClusterMembershipTests(LiveCluster cluster) : IClassFixture<LiveCluster>
{
    private ClusterNode First => cluster.First;

    [Fact]
    public async Task Down_of_the_second_node_removes_it_from_the_first_which_quarantines_it_and_the_second_stops()
    {
        var second = await cluster.StartMember("downed");
        var uid = second.Cluster.SelfUniqueAddress.Uid;
        using var state = new TempFolder();

        var (code, output, error) = await Na64Process.Run(Na64Process.Environment(state.Path),
            "cmd", "--host", First.CmdHost, "--token-file", cluster.TokenFile, "cluster", "down", second.Address.ToString());

        Assert.True(code == 0, error);
        Assert.Equal($"downed {second.Address}\n", output);
        await Poll.Until(() => !IsMember(First, second), $"{second.Address} removed from the first member's view");
        await second.System.WhenTerminated.WaitAsync(Poll.Patience);
        // Removed after Down: the first member never talks to that incarnation again.
        var quarantine = await RowUntil(First, "remote quarantines --json", r => r.GetProperty("address").GetString() == second.Address.ToString());
        Assert.Equal(uid, quarantine.GetProperty("uid").GetInt64());
        Assert.Equal("this node", quarantine.GetProperty("by").GetString());
    }

    [Fact]
    public async Task Leave_without_an_address_makes_the_node_itself_leave_and_stop()
    {
        var second = await cluster.StartMember("leaves-itself");

        var reply = await second.SendAsync("cluster leave");

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal([$"{second.Address} (this node) asked to leave"], reply.Body);
        await second.System.WhenTerminated.WaitAsync(Poll.Patience);
        await Poll.Until(() => !IsMember(First, second), $"{second.Address} gone from the first member's view");
        Assert.Equal(MemberStatus.Up, First.Cluster.SelfMember.Status);
    }

    [Fact]
    public async Task Leave_with_the_address_of_the_second_node_sent_to_the_first_makes_the_second_leave()
    {
        var second = await cluster.StartMember("made-to-leave");

        var reply = await First.SendAsync($"cluster leave {second.Address}");

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal([$"{second.Address} asked to leave"], reply.Body);
        await second.System.WhenTerminated.WaitAsync(Poll.Patience);
        await Poll.Until(() => !IsMember(First, second), $"{second.Address} gone from the first member's view");
    }

    [Fact]
    public async Task Join_makes_a_node_that_belongs_to_no_cluster_join_the_member_at_the_address_and_only_once()
    {
        var lone = await cluster.StartLone("joiner");
        using var state = new TempFolder();
        var environment = Na64Process.Environment(state.Path);
        Assert.False(IsMember(First, lone));

        var refused = await Na64Process.Run(environment, "cmd", "--host", lone.CmdHost, "cluster", "join", First.Address.ToString());
        Assert.Equal(1, refused.Code);
        Assert.Equal("error: token required ('cluster join' changes state): send 'auth TOKEN' first or prefix the request with token=TOKEN\n", refused.Error);
        Assert.False(IsMember(First, lone));

        var (code, output, error) = await Na64Process.Run(environment,
            "cmd", "--host", lone.CmdHost, "--token-file", cluster.TokenFile, "cluster", "join", First.Address.ToString());

        Assert.True(code == 0, error);
        Assert.Equal($"joined {First.Address}: this node ({lone.Address}) is Up\n", output);
        await Poll.Until(() => First.Cluster.State.Members.Any(m => m.Address.Equals(lone.Address) && m.Status == MemberStatus.Up),
            $"{lone.Address} Up in the first member's view");
        var again = await lone.SendAsync($"cluster join {First.Address}");
        Assert.Equal("this node is already a member (Up) of a cluster: an actor system joins once (restart it to join another)", again.Error);
    }

    [Fact]
    public async Task Remote_associations_show_each_node_the_other_from_the_first_contact_and_the_end_of_it()
    {
        var second = await cluster.StartMember("remote-peer");

        // The second node contacted the first while it was joining, before its command host started: recorded anyway.
        var onSecond = await RowUntil(second, "remote associations --json", r => r.GetProperty("address").GetString() == First.Address.ToString());
        var onFirst = await RowUntil(First, "remote associations --json", r => r.GetProperty("address").GetString() == second.Address.ToString());

        Assert.Equal("associated", onSecond.GetProperty("state").GetString());
        Assert.Equal("outbound", onSecond.GetProperty("direction").GetString());
        Assert.Equal("associated", onFirst.GetProperty("state").GetString());
        Assert.Equal("inbound", onFirst.GetProperty("direction").GetString());

        await second.DisposeAsync();
        var ended = await RowUntil(First, "remote associations --json",
            r => r.GetProperty("address").GetString() == second.Address.ToString() && r.GetProperty("state").GetString() != "associated");
        Assert.Equal("disassociated", ended.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cluster_sharding_runs_the_cluster_sharding_commands_and_sees_a_region_on_each_node()
    {
        var second = await cluster.StartMember("sharding-peer");

        // region-stats asks every region of the cluster: one on each worker node once both have registered.
        var stats = await RowsUntil(First, "cluster-sharding region-stats spill --json", rows => rows.Count == 2);
        Assert.Equal(new[] { First.Address.ToString(), second.Address.ToString() }.Order(StringComparer.Ordinal),
            stats.Select(r => r.GetProperty("address").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal((await First.SendAsync("cluster sharding region-stats spill --json")).Body, (await First.SendAsync("cluster-sharding region-stats spill --json")).Body);
        Assert.Equal((await second.SendAsync("cluster sharding regions --json")).Body, (await second.SendAsync("cluster-sharding regions --json")).Body);
        Assert.Equal("no shard region 'nope' on this node (known: spill)", (await second.SendAsync("cluster-sharding shard-stats nope")).Error);

        var help = await First.SendAsync("help cluster-sharding --json");
        Assert.True(help.Ok, help.Error);
        var names = JsonDocument.Parse(Assert.Single(help.Body)).RootElement.EnumerateObject().Last().Value.EnumerateArray()
            .Select(r => r.GetProperty("command").GetString()!).ToArray();
        Assert.Equal(["cluster-sharding regions", "cluster-sharding region-stats", "cluster-sharding shard-stats"], names);
    }

    private static bool IsMember(ClusterNode of, ClusterNode node) => of.Cluster.State.Members.Any(m => m.Address.Equals(node.Address));

    /// <summary>Asks until a row of the JSON table matches (the events it shows take a moment), then returns that row.</summary>
    private static async Task<JsonElement> RowUntil(ClusterNode node, string request, Func<JsonElement, bool> match)
    {
        var rows = await RowsUntil(node, request, rows => rows.Any(match));
        return rows.First(match);
    }

    private static async Task<List<JsonElement>> RowsUntil(ClusterNode node, string request, Func<List<JsonElement>, bool> until)
    {
        var deadline = DateTime.UtcNow + Poll.Patience;
        while (true)
        {
            var reply = await node.SendAsync(request);
            Assert.True(reply.Ok, reply.Error);
            var rows = JsonDocument.Parse(Assert.Single(reply.Body)).RootElement.EnumerateArray().ToList();
            if (until(rows)) return rows;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"'{request}' on {node.Name} never matched: {reply.Body[0]}");
            await Task.Delay(100);
        }
    }
}
