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
    [PostgresFact]
    public async Task Each_journal_and_worker_count_gives_one_measured_campaign_of_every_spill()
    {
        using var temp = new TempFolder();
        var url = await postgres.CreateDatabaseAsync("control_plane");
        var (code, output, error) = BenchRunner.Run("control-plane", "--workers", "1,2", "--spills", "60", "--warm-up-spills", "12",
            "--postgres", url, "--json", temp["cp.json"]);
        Assert.True(code == 0, output + error);

        var all = JsonSerializer.Deserialize<List<ControlPlaneBench.Measurement>>(File.ReadAllBytes(temp["cp.json"]))!;
        Assert.Equal([("memory", 1), ("memory", 2), ("sqlite", 1), ("sqlite", 2), ("postgresql", 1), ("postgresql", 2)], all.Select(m => (m.Journal, m.Workers)));
        Assert.All(all, m =>
        {
            Assert.Equal(60, m.Spills);
            Assert.True(m.Seconds > 0 && m.CoordinatorCpuSeconds > 0, $"{m}");
        });
        // One Markdown row per measurement, after the header and its rule.
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('|')).ToArray();
        Assert.Equal(2 + all.Count, rows.Length);
        Assert.StartsWith("| postgresql | 2 | 60 | ", rows[^1]);
    }

    [Theory]
    [InlineData("4,1")]
    [InlineData("0")]
    [InlineData("two")]
    public void Worker_counts_that_are_not_ascending_positive_integers_are_a_usage_error(string workers)
    {
        var (code, _, error) = BenchRunner.Run("control-plane", "--workers", workers);
        Assert.Equal(2, code);
        Assert.Contains($"--workers '{workers}'", error);
    }
}
