using System.Text.Json;
using NA64.Reco.Bench.ControlPlane;

namespace NA64.Reco.Bench.Tests;

/// <summary>
/// <c>na64-bench control-plane</c> grows a real cluster of no-op worker processes around this process's coordinator and
/// runs every campaign to its end in memory, on the SQLite and on the PostgreSQL journal (a throwaway server); no figure is checked
/// against a time.
/// </summary>
public sealed class ControlPlaneBenchTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public void In_memory_and_on_SQLite_each_worker_count_gives_one_measured_campaign_of_every_spill()
    {
        using var temp = new TempFolder();
        var (code, output, error) = BenchRunner.Run("control-plane", "--workers", "1,2", "--spills", "60", "--warm-up-spills", "12", "--json", temp["cp.json"]);
        Assert.True(code == 0, output + error);

        var all = JsonSerializer.Deserialize<List<ControlPlaneBench.Measurement>>(File.ReadAllBytes(temp["cp.json"]))!;
        Assert.Equal([("memory", 1), ("memory", 2), ("sqlite", 1), ("sqlite", 2)], all.Select(m => (m.Journal, m.Workers)));
        AssertEverySpillDone(all, 60);
        // One Markdown row per measurement, after the header and its rule.
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('|')).ToArray();
        Assert.Equal(2 + all.Count, rows.Length);
        Assert.StartsWith("| sqlite | 2 | 60 | ", rows[^1]);
    }

    [PostgresFact]
    public async Task On_PostgreSQL_too_when_given_a_server()
    {
        using var temp = new TempFolder();
        var url = await postgres.CreateDatabaseAsync("control_plane");
        var (code, output, error) = BenchRunner.Run("control-plane", "--workers", "1", "--spills", "40", "--warm-up-spills", "8",
            "--postgres", url, "--json", temp["cp.json"]);
        Assert.True(code == 0, output + error);

        var all = JsonSerializer.Deserialize<List<ControlPlaneBench.Measurement>>(File.ReadAllBytes(temp["cp.json"]))!;
        Assert.Equal(["memory", "sqlite", "postgresql"], all.Select(m => m.Journal));
        AssertEverySpillDone(all, 40);
    }

    /// <summary>Each campaign's result counted every spill done (the journal and the merge lost or doubled none).</summary>
    private static void AssertEverySpillDone(List<ControlPlaneBench.Measurement> all, int spills) =>
        Assert.All(all, m =>
        {
            Assert.Equal(spills, m.Spills);
            Assert.True(m.Seconds > 0 && m.CoordinatorCpuSeconds > 0, $"{m}");
        });

    [Theory]
    [InlineData("4,1")]
    [InlineData("1,1")]
    [InlineData("0")]
    [InlineData("two")]
    public void Worker_counts_that_are_not_ascending_positive_integers_are_a_usage_error(string workers)
    {
        var (code, _, error) = BenchRunner.Run("control-plane", "--workers", workers);
        Assert.Equal(2, code);
        Assert.Contains($"--workers '{workers}'", error);
    }
}
