using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// The deployment of k8s/: seed and nodes with their journal on PostgreSQL (a throwaway server from Debian's binaries,
/// a database of its own per test): a killed worker and a database that goes away mid-campaign cost nothing but time,
/// the tables are those of <c>na64 run</c> on SQLite byte for byte, the results come back through the command host,
/// and a node whose campaign service cannot reach its journal is not reported ready.
/// </summary>
public sealed partial class ClusterPostgresTests(ReferenceRun reference, PostgresServer postgres) : IClassFixture<ReferenceRun>, IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Nodes_on_a_PostgreSQL_journal_survive_a_killed_worker_with_the_tables_of_na64_run()
    {
        var db = await postgres.CreateDatabaseAsync("killed");
        using var cluster = new TestCluster(TimeSpan.FromSeconds(120), database: db);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "worker");
        var coordinator = await cluster.StartNode("coordinator", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));
        Assert.Contains($"journal postgres://postgres@127.0.0.1:{postgres.Port}/killed", coordinator.Stdout);

        await coordinator.WaitFor(ClusterCampaignTests.SpillsDone(2), cluster.Token);
        await worker.KillHard();

        Assert.True(await coordinator.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
    }

    [PostgresTheory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task PostgreSQL_stopped_mid_campaign_is_ridden_out_and_the_results_come_back_through_the_command_host(int outageSeconds)
    {
        var db = await postgres.CreateDatabaseAsync($"outage{outageSeconds}");
        using var cluster = new TestCluster(TimeSpan.FromSeconds(240), database: db);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "all");
        var submitter = await cluster.StartNode("submitter", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));
        try
        {
            await submitter.WaitFor(ClusterCampaignTests.SpillsDone(2), cluster.Token);
            await postgres.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(outageSeconds), cluster.Token);
            await postgres.StartAsync();
        }
        finally
        {
            await postgres.StartIfStoppedAsync();
        }

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
        // The campaign service is back: status answers, and the results of the database reach a folder through the node.
        var host = await cluster.CommandHost(worker);
        var (statusExit, status, statusOutput) = await cluster.Na64(["status", "cluster-test", "--host", host]);
        Assert.True(statusExit == 0, statusOutput);
        Assert.Matches(@"(?m)^state +done$", status);
        var (resultsExit, _, resultsOutput) = await cluster.Na64(["results", "cluster-test", "--host", host, "--out", cluster.File("fetched")]);
        Assert.True(resultsExit == 0, resultsOutput);
        reference.AssertSameTables(cluster.File("fetched"), resultsOutput);
    }

    [PostgresFact]
    public async Task A_node_whose_campaign_service_cannot_reach_its_journal_is_not_ready_until_it_can()
    {
        var db = await postgres.CreateDatabaseAsync("ready");
        using var cluster = new TestCluster(TimeSpan.FromSeconds(120), database: db);
        await cluster.StartSeed();
        await postgres.StopAsync();
        try
        {
            var node = await cluster.StartNode("node", "all");
            var port = int.Parse((await node.WaitFor(HealthPort(), cluster.Token)).Groups[1].Value);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            // Up in the cluster, alive, but the campaign manager cannot recover without its journal. The probe reads the
            // cluster's state view, which sees the member Up a moment after the node printed "member up": until then the
            // membership is the reason given.
            var membership = Stopwatch.StartNew();
            HttpResponseMessage notReady;
            string reason;
            while (true)
            {
                notReady = await http.GetAsync("/health/ready", cluster.Token);
                reason = await notReady.Content.ReadAsStringAsync(cluster.Token);
                if (!reason.StartsWith("Service Unavailable: cluster member Joining", StringComparison.Ordinal)) break;
                Assert.True(membership.Elapsed < TimeSpan.FromSeconds(30), "the state view never showed the member Up\n" + cluster.AllOutput);
                await Task.Delay(100, cluster.Token);
            }
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Service Unavailable: campaign service not answering\n", reason);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/alive", cluster.Token)).StatusCode);

            await postgres.StartAsync();
            var watch = Stopwatch.StartNew();
            while ((await http.GetAsync("/health/ready", cluster.Token)).StatusCode != HttpStatusCode.OK)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "still not ready a minute after the database came back\n" + cluster.AllOutput);
                await Task.Delay(500, cluster.Token);
            }
        }
        finally
        {
            await postgres.StartIfStoppedAsync();
        }
    }

    [GeneratedRegex(@"health on port (\d+)")]
    private static partial Regex HealthPort();
}
