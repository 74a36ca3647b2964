using System.Text.Json;
using NA64.Reco.Node.Bench;

namespace NA64.Reco.Node.Tests;

/// <summary><c>na64 bench --quick</c> runs and reports every key, as a figure or as not measured (never both); no figure is checked against a time.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Quick_kernel_run_reports_every_key_once()
    {
        using var temp = new TempFolder();
        var (code, output, error) = CliRunner.Run("bench", "--quick", "--kernel-only", "--projection", "--json", temp["bench.json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(temp["bench.json"]));
        var figures = doc.RootElement.GetProperty("figures");
        var missing = doc.RootElement.GetProperty("not_measured");
        foreach (var key in BenchKeys.All())
        {
            var isFigure = figures.TryGetProperty(key, out var value);
            Assert.True(isFigure != missing.TryGetProperty(key, out _), $"{key}: must be a figure or not measured, exactly one of them");
            if (isFigure) Assert.True(value.GetDouble() >= 0, key);
            Assert.Contains(key, output);
        }
        Assert.Equal(10_000, figures.GetProperty(BenchKeys.Events).GetDouble());
        Assert.True(figures.GetProperty(BenchKeys.GenReco1 + BenchKeys.EventsPerS).GetDouble() > 0);
        // Kernel only: the pipeline is not measured, so neither are its ratios; the projection falls back to the kernel.
        Assert.Equal("--kernel-only", missing.GetProperty(BenchKeys.PipelineAll + BenchKeys.EventsPerS).GetString());
        Assert.True(missing.TryGetProperty(BenchKeys.RatioPipelineAll, out _));
        Assert.Equal(figures.GetProperty(BenchKeys.GenReco1 + BenchKeys.EventsPerS).GetDouble(), figures.GetProperty(BenchKeys.ProjectionRate).GetDouble());
        // Without na64 node the two-node figure is reported as not measured, with the reason.
        Assert.Contains("na64 node", missing.GetProperty(BenchKeys.TwoNodes + BenchKeys.EventsPerS).GetString());
        Assert.Contains("| 1000 |", output);
    }

    [Fact]
    public void Pipeline_part_runs_a_campaign_on_an_embedded_node_and_writes_its_figures()
    {
        using var temp = new TempFolder();
        // The in-memory journal part, as the bench runs it in a child process (here in-process: one node start).
        var (code, _, error) = CliRunner.Run("bench", "--pipeline-part", "one-core-inmem", "--quick", "--part-out", temp["part.json"],
            "--part-spills", "2", "--part-events-per-spill", "2000", "--part-chunk-size", "1000");
        Assert.True(code == 0, error);
        var m = JsonSerializer.Deserialize<PipelineBench.Measurement>(File.ReadAllBytes(temp["part.json"]))!;
        Assert.Equal(4000, m.Events);
        Assert.True(m.Seconds > 0);
        Assert.True(m.PeakRssBytes > 0);
    }

    [Fact]
    public void Too_few_events_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("bench", "--events", "10");
        Assert.Equal(2, code);
        Assert.Contains("--events", error);
    }
}
