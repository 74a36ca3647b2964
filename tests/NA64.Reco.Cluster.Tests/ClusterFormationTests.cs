using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// Formation with static seeds made safe: seeds restarted while the workers run join the workers' cluster (they ask the
/// contacts before forming one), and a member that nobody lets in exits instead of waiting for ever.
/// </summary>
public sealed class ClusterFormationTests(ReferenceRun reference) : IClassFixture<ReferenceRun>
{
    [Fact]
    public async Task Both_seeds_killed_while_workers_run_rejoin_the_one_cluster_and_the_campaign_finishes_exact()
    {
        using var cluster = new TestCluster(TimeSpan.FromSeconds(180), seedCount: 2);
        int[] ports = [TestCluster.FreePort(), TestCluster.FreePort(), TestCluster.FreePort()];
        // As CLUSTER_CONTACTS names the coordinator's and the workers' Services in Kubernetes.
        string[] contacts = ["--contacts", string.Join(',', ports.Select(p => $"127.0.0.1:{p}"))];
        var seeds = new[] { await cluster.StartSeed(0, contacts), await cluster.StartSeed(1, contacts) };
        // Three members that are not seeds: after both seeds die they are the majority, which keep-majority keeps.
        var coordinator = await cluster.StartNode("coordinator", "coordinator", "--port", ports[0].ToString());
        await cluster.StartNode("worker", "worker", "--port", ports[1].ToString());
        var submitter = await cluster.StartNode("submitter", "worker", "--port", ports[2].ToString(), "--campaign", reference.SpecPath, "--out", cluster.File("out"));
        var host = await cluster.CommandHost(coordinator);

        await submitter.WaitFor(ClusterCampaignTests.SpillsDone(2), cluster.Token);
        foreach (var seed in seeds) await seed.KillHard();
        // Both restarted at once, with no seed alive to answer them: seed-0 would form a cluster of its own if it
        // asked the seeds only.
        var restarted = await Task.WhenAll(cluster.StartSeed(0, contacts), cluster.StartSeed(1, contacts));

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
        // One cluster: each restarted seed sees the coordinator and the worker Up beside both seeds, and so does the coordinator.
        var coordinatorAddress = await cluster.NodeAddress(coordinator);
        var workerAddress = $"akka.tcp://na64@127.0.0.1:{ports[1]}";
        var seedAddresses = cluster.SeedPorts.Select(p => $"akka.tcp://na64@127.0.0.1:{p}").ToArray();
        foreach (var view in new[] { await cluster.CommandHost(restarted[0]), await cluster.CommandHost(restarted[1]), host })
            await cluster.MembersWhen(view, m => seedAddresses.Append(coordinatorAddress).Append(workerAddress)
                .All(a => m.TryGetValue(a, out var member) && member is { Status: "Up", Reachable: true }));
        Assert.DoesNotContain("joined nobody", cluster.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_and_a_seed_that_nobody_lets_in_exit_6_naming_whom_they_asked()
    {
        using var cluster = new TestCluster(TimeSpan.FromSeconds(60), seedCount: 2);
        // No member runs: the node asks seed-0 and seed-1, the second seed asks seed-0 (only the first seed may form a cluster).
        using var worker = ChildProcess.Node("worker", cluster.Environment, ["node", "--role", "worker", "--seeds", cluster.Seeds, "--hostname", "127.0.0.1",
            "--port", TestCluster.FreePort().ToString(), "--db", cluster.Database, "--health-port", "-1", "--cmd-port", "-1", "--join-timeout", "3"]);
        using var seed = ChildProcess.Seed("seed-1", cluster.Environment, ["--hostname", "127.0.0.1", "--port", cluster.SeedPorts[1].ToString(), "--seeds", cluster.Seeds,
            "--health-port", "-1", "--cmd-port", "-1", "--join-timeout", "3"]);

        Assert.Equal(6, await worker.WaitForExit(cluster.Token));
        Assert.Equal(6, await seed.WaitForExit(cluster.Token));
        Assert.Contains($"na64 node: joined nobody of {cluster.Seeds} within 3 s", worker.Output, StringComparison.Ordinal);
        Assert.Contains($"na64-seed: joined nobody of {cluster.Seeds} within 3 s", seed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("member up", worker.Output + seed.Output, StringComparison.Ordinal);
    }
}
