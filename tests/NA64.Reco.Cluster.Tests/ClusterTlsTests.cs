using System.Text.RegularExpressions;
using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// A seed and a node as processes with the cluster certificate (NA64_TLS_CERTIFICATE): remoting over mutual TLS, the
/// campaign's tables those of <c>na64 run</c>; a node started with another certificate is refused in the handshake
/// and never becomes a member.
/// </summary>
public sealed partial class ClusterTlsTests(ReferenceRun reference) : IClassFixture<ReferenceRun>
{
    [Fact]
    public async Task Over_TLS_a_campaign_gives_the_tables_of_na64_run_and_a_node_with_another_certificate_is_refused()
    {
        using var cluster = new TestCluster(TimeSpan.FromSeconds(120), tls: true);
        var seed = await cluster.StartSeed();
        Assert.Matches(SeedOverTls(), seed.Stdout);
        var worker = await cluster.StartNode("worker", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));
        Assert.Matches(NodeOverTls(), worker.Stdout);
        Assert.True(await worker.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);

        // Same subject, another key: whichever side checks first refuses the other, and it never joins.
        var environment = new Dictionary<string, string>(cluster.Environment)
        {
            ["NA64_TLS_CERTIFICATE"] = TestCertificates.WritePfx(cluster.File("other.pfx"), "CN=na64-cluster", TestCluster.TlsPassword),
        };
        var intruderPort = TestCluster.FreePort();
        var intruder = cluster.StartUnchecked("intruder", environment, "node", "--role", "worker", "--seeds", cluster.Seeds, "--hostname", "127.0.0.1",
            "--port", intruderPort.ToString(), "--db", cluster.Database, "--health-port", "-1", "--cmd-port", "-1");
        // The refusal is logged (stderr): polled until the test's time is up.
        while (!intruder.Output.Contains("cluster TLS: refused", StringComparison.Ordinal)) await Task.Delay(50, cluster.Token);
        var host = await cluster.CommandHost(seed);
        var show = await cluster.Cmd(host, "cluster", "show");
        Assert.Equal(0, show.Exit);
        Assert.DoesNotContain("member up", intruder.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{intruderPort}", show.Stdout, StringComparison.Ordinal);
        // The seed alone once the worker, which left when its campaign was done, is removed (its process may exit while
        // the seed still lists it Exiting); the intruder never came in.
        var members = await cluster.MembersWhen(host, m => m.Count == 1);
        Assert.DoesNotContain(members.Keys, a => a.EndsWith($":{intruderPort}", StringComparison.Ordinal));
        Assert.Equal("Up", members.Values.Single().Status);
        await intruder.KillHard();
    }

    [GeneratedRegex(@"^seed akka\.ssl\.tcp://na64@127\.0\.0\.1:\d+;", RegexOptions.Multiline)]
    private static partial Regex SeedOverTls();

    [GeneratedRegex(@"^node akka\.ssl\.tcp://na64@127\.0\.0\.1:\d+ roles ", RegexOptions.Multiline)]
    private static partial Regex NodeOverTls();
}
