using System.Text.Json;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary><c>actor hierarchy</c> and <c>log peek</c> against a live node.</summary>
public sealed class ActorAndLogPaletteTests(LiveNode node) : IClassFixture<LiveNode>
{
    [Fact]
    public async Task Hierarchy_finds_a_parent_and_its_child_and_depth_bounds_the_walk()
    {
        var parent = node.System.ActorOf(Props.Create(() => new Parent()), "inspect-parent");
        await parent.Ask<string>("ready", TimeSpan.FromSeconds(5));

        var deep = Paths(await node.SendAsync("actor hierarchy --depth 3 --json"));
        var shallow = Paths(await node.SendAsync("actor hierarchy --depth 1 --json"));

        Assert.Contains(("/user/inspect-parent", 1), deep);
        Assert.Contains(("/user/inspect-parent/child", 2), deep);
        Assert.Contains(("/user/inspect-parent", 1), shallow);
        Assert.DoesNotContain(shallow, p => p.Depth > 1);
    }

    [Fact]
    public async Task Hierarchy_from_a_root_lists_its_subtree_and_an_unknown_root_lists_nothing()
    {
        var parent = node.System.ActorOf(Props.Create(() => new Parent()), "inspect-root");
        await parent.Ask<string>("ready", TimeSpan.FromSeconds(5));

        Assert.Equal([("/user/inspect-root/child", 1)], Paths(await node.SendAsync("actor hierarchy --root /user/inspect-root --json")));
        // Cluster sharding lives under /system: the pipeline's regions are there.
        Assert.Contains(("/system/sharding/spill", 2), Paths(await node.SendAsync("actor hierarchy --root /system --depth 2 --json")));
        Assert.Empty(Paths(await node.SendAsync("actor hierarchy --root /user/nobody-here --json")));
        Assert.Empty(Paths(await node.SendAsync("actor hierarchy --root /userx --json")));
    }

    [Fact]
    public async Task Hierarchy_rejects_a_bad_depth_and_an_unknown_option()
    {
        Assert.Equal("--depth must be an integer in [1, 10], got 'lots'", (await node.SendAsync("actor hierarchy --depth lots")).Error);
        Assert.Equal("--depth must be an integer in [1, 10], got '99'", (await node.SendAsync("actor hierarchy --depth 99")).Error);
        Assert.Equal("unknown option --deep", (await node.SendAsync("actor hierarchy --deep 2")).Error);
        Assert.Equal("option --depth needs a value", (await node.SendAsync("actor hierarchy --depth")).Error);
    }

    [Fact]
    public async Task Log_peek_returns_the_last_lines_logged_on_the_node()
    {
        var logger = node.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PeekTest");
        var marker = "peek-marker-" + Guid.NewGuid().ToString("N");
        logger.LogWarning("first {Marker}", marker);
        logger.LogWarning("second {Marker}", marker);

        var reply = await node.SendAsync("log peek 20");
        var one = await node.SendAsync("log peek 1");

        Assert.True(reply.Ok, reply.Error);
        var mine = reply.Body.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, mine.Length);
        Assert.EndsWith($"warn PeekTest: first {marker}", mine[0]);
        Assert.EndsWith($"warn PeekTest: second {marker}", mine[1]);
        Assert.Single(one.Body);
    }

    [Fact]
    public async Task Log_tail_without_follow_is_the_last_lines_as_peek_gives_them()
    {
        var logger = node.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TailTest");
        var marker = "tail-marker-" + Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++) logger.LogWarning("line {I} {Marker}", i, marker);

        var tail = await node.SendAsync("log tail 10");
        var peek = await node.SendAsync("log peek 10");

        Assert.True(tail.Ok, tail.Error);
        string[] Mine(NA64.Reco.CommandHost.CommandResponse r) => r.Body.Where(l => l.Contains(marker, StringComparison.Ordinal)).ToArray();
        Assert.Equal(Mine(peek), Mine(tail));
        Assert.Equal(3, Mine(tail).Length);
        for (var i = 0; i < 3; i++) Assert.EndsWith($"warn TailTest: line {i} {marker}", Mine(tail)[i]);
        Assert.Equal("N must be an integer in [1, 1000], got '0'", (await node.SendAsync("log tail 0")).Error);
    }

    private static List<(string Path, int Depth)> Paths(NA64.Reco.CommandHost.CommandResponse reply)
    {
        Assert.True(reply.Ok, reply.Error);
        using var doc = JsonDocument.Parse(Assert.Single(reply.Body));
        return doc.RootElement.EnumerateArray().Select(e => (e.GetProperty("path").GetString()!.Trim(), e.GetProperty("depth").GetInt32())).ToList();
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Context.ActorOf(Props.Create(() => new Child()), "child");
            Receive<string>(_ => Sender.Tell("ready"));
        }
    }

    private sealed class Child : ReceiveActor;
}
