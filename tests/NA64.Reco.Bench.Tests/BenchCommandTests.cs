using System.Text.Json;

namespace NA64.Reco.Bench.Tests;

/// <summary><c>na64-bench --quick</c> runs and reports every key, as a figure or as not measured (never both); no figure is checked against a time.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public void Quick_kernel_run_reports_every_key_once()
    {
        using var temp = new TempFolder();
        var (code, output, error) = BenchRunner.Run("--quick", "--kernel-only", "--projection", "--json", temp["bench.json"]);
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
        // Kernel only: no nodes either.
        Assert.Equal("--kernel-only", missing.GetProperty(BenchKeys.TwoNodes + BenchKeys.EventsPerS).GetString());
        Assert.Contains("| 1000 |", output);
    }

    [Theory]
    [InlineData("one-core-paired", "pipeline.1core.paired_sqlite", "pipeline.1core.no_persistence")]
    [InlineData("one-core-paired-swapped", "pipeline.1core.swapped.no_persistence", "pipeline.1core.swapped.paired_sqlite")]
    public void Pipeline_part_runs_a_campaign_on_an_embedded_node_and_writes_its_figures(string part, string first, string second)
    {
        using var temp = new TempFolder();
        // The persistence pair, as the bench runs it in a child process (here in-process): a SQLite node and an
        // in-memory node, their campaigns alternating, each node's figures in the order of the part's nodes.
        var (code, _, error) = BenchRunner.Run("--pipeline-part", part, "--quick", "--part-out", temp["part.json"],
            "--part-spills", "2", "--part-events-per-spill", "2000", "--part-chunk-size", "1000");
        Assert.True(code == 0, error);
        var ms = JsonSerializer.Deserialize<PipelineBench.Measurement[]>(File.ReadAllBytes(temp["part.json"]))!;
        Assert.Equal(2, ms.Length);
        Assert.All(ms, m => Assert.Equal(4000, m.Events));
        Assert.All(ms, m => Assert.True(m.Seconds > 0 && m.CpuSeconds > 0 && m.PeakRssBytes > 0));
        // The first round runs the nodes in the part's order (the node started first, first).
        var a = error.IndexOf($"{part} ({first}), campaign 1", StringComparison.Ordinal);
        var b = error.IndexOf($"{part} ({second}), campaign 1", StringComparison.Ordinal);
        Assert.True(a >= 0 && b > a, error);
        // Each campaign also says what it cost the GC (collections of gen 0/1/2 and the pause).
        Assert.Matches(@"campaign 1: [0-9.]+ s; CPU-s [0-9.]+; GC [0-9]+/[0-9]+/[0-9]+, paused [0-9.]+ s", error);
        Assert.All(ms, m => Assert.True(m.Gc.Gen0 >= m.Gc.Gen1 && m.Gc.Gen1 >= m.Gc.Gen2 && m.Gc.PauseSeconds >= 0, m.Gc.ToString()));
    }

    [Fact]
    public void One_core_part_measures_the_bare_kernel_in_its_process_before_and_after_its_campaigns()
    {
        using var temp = new TempFolder();
        var (code, _, error) = BenchRunner.Run("--pipeline-part", "one-core", "--quick", "--part-out", temp["part.json"],
            "--part-spills", "2", "--part-events-per-spill", "2000", "--part-chunk-size", "1000");
        Assert.True(code == 0, error);
        var m = Assert.Single(JsonSerializer.Deserialize<PipelineBench.Measurement[]>(File.ReadAllBytes(temp["part.json"]))!);
        Assert.Equal(4000, m.Events);
        // One kernel measurement before the node starts and one after it stops (--quick), the best of them kept.
        var line = Assert.Single(error.Split('\n'), l => l.Contains("one-core: bare kernel in the same process, before and after the campaigns: "));
        var rates = line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Replace(" events/s", "").Trim()
            .Split(", ").Select(r => double.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, rates.Length);
        Assert.Equal(rates.Max(), Math.Round(m.KernelEventsPerS)); // the log prints whole events/s
    }

    [TwoCpuFact]
    public void Two_node_part_runs_a_seed_and_two_pinned_nodes_and_writes_their_figures()
    {
        using var temp = new TempFolder();
        // As the bench runs it in a child process (here in-process: the driver is the seed; the nodes are na64 node children).
        var (code, _, error) = BenchRunner.Run("--two-node-part", "--quick", "--part-out", temp["two.json"],
            "--part-spills", "4", "--part-events-per-spill", "1000", "--part-chunk-size", "500");
        Assert.True(code == 0, error);
        var m = JsonSerializer.Deserialize<TwoNodeBench.Measurement>(File.ReadAllBytes(temp["two.json"]))!;
        Assert.Equal(4000, m.Events);
        Assert.True(m.Seconds > 0);
        Assert.Equal(3, m.CpuSecondsByProcess.Length);
        Assert.Equal(m.CpuSecondsByProcess.Sum(), m.CpuSeconds, 9);
        Assert.True(m.CpuSeconds > 0);
        Assert.Equal(2, m.PeakRssBytesByNode.Length);
        Assert.All(m.PeakRssBytesByNode, b => Assert.True(b > 0));
        Assert.Equal(m.PeakRssBytesByNode.Max(), m.PeakRssBytes);

        // What the bench makes of it: the three figures, positive; allocations not measured, with the reason.
        var report = new BenchReport();
        TwoNodeBench.Record(report, m);
        foreach (var suffix in new[] { BenchKeys.EventsPerS, BenchKeys.EventsPerCpuS, BenchKeys.PeakRssMb })
            Assert.True(report.Get(BenchKeys.TwoNodes + suffix) > 0, suffix);
        Assert.Contains("one process", report.NotMeasured[BenchKeys.TwoNodes + BenchKeys.BytesPerEvent]);
    }

    [Fact]
    public void The_micro_benchmarks_run_under_BenchmarkDotNet_and_report_time_and_bytes_per_event()
    {
        var (code, output, error) = BenchRunner.Run("micro", "--quick", "--filter", "reconstruct");
        Assert.True(code == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // The two per-event kernels the filter names, each with a rate; the merge and the codec left out.
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Matches(@"ns/event .* B/event .* events/s$", l.TrimEnd()));
        Assert.Contains(lines, l => l.StartsWith("generate + reconstruct + select ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("decode + reconstruct + select ", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_few_events_is_a_usage_error()
    {
        var (code, _, error) = BenchRunner.Run("--events", "10");
        Assert.Equal(2, code);
        Assert.Contains("--events", error);
    }
}
