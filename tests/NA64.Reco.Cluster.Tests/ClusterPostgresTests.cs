using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// The deployment of k8s/: seed and nodes with their journal on PostgreSQL (a throwaway server from Debian's
/// binaries), one node killed in the middle; the tables are those of <c>na64 run</c> on SQLite, byte for byte.
/// </summary>
public sealed class ClusterPostgresTests(ReferenceRun reference, PostgresServer postgres) : IClassFixture<ReferenceRun>, IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Nodes_on_a_PostgreSQL_journal_survive_a_killed_worker_with_the_tables_of_na64_run()
    {
        using var cluster = new TestCluster(TimeSpan.FromSeconds(120), database: postgres.Url);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "worker");
        var coordinator = await cluster.StartNode("coordinator", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));
        Assert.Contains($"journal postgres://postgres@127.0.0.1:{postgres.Port}/postgres", coordinator.Stdout);

        await coordinator.WaitFor(ClusterCampaignTests.SpillsDone(2), cluster.Token);
        await worker.KillHard();

        Assert.True(await coordinator.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
    }
}
