using System.Text.Json;
using System.Text.RegularExpressions;
using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// What an operator does with <c>na64 cmd</c> against the command hosts of running seed and node processes, over real
/// TCP: see the members and the remote associations from any process, make one leave, and down one that was killed.
/// </summary>
public sealed partial class ClusterCommandTests
{
    [Fact]
    public async Task An_operator_sees_the_members_makes_one_leave_and_downs_a_killed_one()
    {
        // Keep-majority would down the killed member by itself after 2 s; held off 5 minutes, only the operator does.
        using var cluster = new TestCluster(TimeSpan.FromSeconds(120), stableAfter: TimeSpan.FromMinutes(5));
        var seed = await cluster.StartSeed();
        var coordinator = await cluster.StartNode("coordinator", "all");
        var leaver = await cluster.StartNode("leaver", "worker");
        var victim = await cluster.StartNode("victim", "worker");
        var host = await cluster.CommandHost(coordinator);
        var seedAddress = (await seed.WaitFor(SeedAddress(), cluster.Token)).Groups[1].Value;
        var coordinatorAddress = await cluster.NodeAddress(coordinator);
        var leaverAddress = await cluster.NodeAddress(leaver);
        var victimAddress = await cluster.NodeAddress(victim);

        var members = await cluster.MembersWhen(host, m => m.Count == 4 && m.Values.All(x => x.Status == "Up"));
        Assert.Equal("seed", members[seedAddress].Roles);
        Assert.Equal("coordinator,worker", members[coordinatorAddress].Roles);
        Assert.Equal("worker", members[leaverAddress].Roles);
        Assert.Equal("worker", members[victimAddress].Roles);

        // The seed answers too; campaign commands are for nodes with the campaign manager.
        var seedHost = await cluster.CommandHost(seed);
        var fromSeed = await cluster.Cmd(seedHost, "cluster", "show");
        Assert.True(fromSeed.Exit == 0, fromSeed.Output);
        foreach (var address in new[] { seedAddress, coordinatorAddress, leaverAddress, victimAddress }) Assert.Contains(address, fromSeed.Stdout);
        // Remoting as each process saw it from its start: the seed accepted every node, the coordinator contacted the seed
        // while it joined, before its command host listened.
        var onSeed = await Associated(cluster, seedHost);
        Assert.Superset(new HashSet<string>([coordinatorAddress, leaverAddress, victimAddress]), onSeed.Keys.ToHashSet());
        Assert.All(new[] { coordinatorAddress, leaverAddress, victimAddress }, a => Assert.Equal("inbound", onSeed[a]));
        Assert.Equal("outbound", (await Associated(cluster, host))[seedAddress]);
        var noManager = await cluster.Cmd(seedHost, "campaign", "list");
        Assert.True(noManager.Exit != 0 && noManager.Output.Contains("no campaign manager", StringComparison.Ordinal), noManager.Output);
        var list = await cluster.Cmd(host, "campaign", "list", "--json");
        Assert.True(list.Exit == 0, list.Output);
        Assert.Equal("[]", list.Stdout.Trim());

        // cluster leave: the member leaves gracefully and its process ends normally.
        var leave = await cluster.Cmd(host, "cluster", "leave", leaverAddress);
        Assert.True(leave.Exit == 0, leave.Output);
        Assert.Equal(0, await leaver.WaitForExit(cluster.Token));
        await leaver.WaitFor(LeftTheCluster(), cluster.Token);
        await cluster.MembersWhen(host, m => m.Count == 3 && !m.ContainsKey(leaverAddress));

        // A member killed outright stays unreachable until someone downs it: here, the operator.
        await victim.KillHard();
        await cluster.MembersWhen(host, m => m.TryGetValue(victimAddress, out var v) && !v.Reachable);
        var down = await cluster.Cmd(host, "cluster", "down-unreachable");
        Assert.True(down.Exit == 0, down.Output);
        Assert.Contains(victimAddress, down.Stdout);
        members = await cluster.MembersWhen(host, m => m.Count == 2);
        Assert.Equal(new[] { coordinatorAddress, seedAddress }.Order(StringComparer.Ordinal), members.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>The addresses <c>remote associations</c> shows as associated, with their direction.</summary>
    private static async Task<Dictionary<string, string>> Associated(TestCluster cluster, string host)
    {
        var (exit, stdout, output) = await cluster.Cmd(host, "remote", "associations", "--json");
        Assert.True(exit == 0, output);
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "associated")
            .ToDictionary(r => r.GetProperty("address").GetString()!, r => r.GetProperty("direction").GetString()!, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^seed (\S+);")]
    private static partial Regex SeedAddress();

    [GeneratedRegex("^left the cluster$")]
    private static partial Regex LeftTheCluster();
}
