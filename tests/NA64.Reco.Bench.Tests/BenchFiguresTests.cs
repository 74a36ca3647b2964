
namespace NA64.Reco.Bench.Tests;

/// <summary>The arithmetic of <c>na64-bench</c> (ratios, projection) on given figures: nothing here is timed.</summary>
public sealed class BenchFiguresTests
{
    [Fact]
    public void Pipeline_efficiency_is_pipeline_over_bare_times_cores()
    {
        Assert.Equal(0.9, BenchRatios.PipelineEfficiency(540_000, 300_000, 2)!.Value, 12);
        Assert.Equal(0.5, BenchRatios.PipelineEfficiency(150_000, 300_000, 1)!.Value, 12);
        Assert.Null(BenchRatios.PipelineEfficiency(null, 300_000, 2));
        Assert.Null(BenchRatios.PipelineEfficiency(1, null, 2));
        Assert.Null(BenchRatios.PipelineEfficiency(1, 0, 2));
    }

    [Fact]
    public void Two_node_scaling_and_persistence_overhead()
    {
        Assert.Equal(1.8, BenchRatios.TwoNodeScaling(180, 100)!.Value, 12);
        Assert.Null(BenchRatios.TwoNodeScaling(null, 100));
        // 98 events/s with the journal, 100 without: the run with it takes 100/98 − 1 ≈ 2.04% longer.
        Assert.Equal(100.0 / 98 - 1, BenchRatios.PersistenceOverhead(98, 100)!.Value, 12);
        Assert.Equal(0, BenchRatios.PersistenceOverhead(100, 100)!.Value, 12);
        Assert.Null(BenchRatios.PersistenceOverhead(100, null));
        // The two orders of the pair: a first-node bias of +3% in one and −3% in the other leaves ≈ 0.
        Assert.Equal(Math.Sqrt(1.03 * 0.97) - 1, BenchRatios.OverBothOrders(0.03, -0.03)!.Value, 12);
        Assert.Equal(0.02, BenchRatios.OverBothOrders(0.02, 0.02)!.Value, 12);
        Assert.Null(BenchRatios.OverBothOrders(0.02, null));
    }

    [Fact]
    public void Projection_of_1e11_events_at_100k_per_core()
    {
        var p = CampaignProjection.Compute(1e11, 100_000, 1, [100, 500, 1000]);
        // 10¹¹ / 10⁵ = 10⁶ core-seconds = 277.8 core-hours.
        Assert.Equal(1e6 / 3600, p.CoreHours, 9);
        Assert.Equal([100, 500, 1000], p.Rows.Select(r => r.Cores));
        Assert.Equal(1e4 / 3600, p.Rows[0].WallHours, 9);
        Assert.Equal(2e3 / 3600, p.Rows[1].WallHours, 9);
        Assert.Equal(1e3 / 3600, p.Rows[2].WallHours, 9);
        // Half the scaling efficiency, twice the wall time; the core-hours count the CPU work alone.
        var half = CampaignProjection.Compute(1e11, 100_000, 0.5, [100]);
        Assert.Equal(2 * p.Rows[0].WallHours, half.Rows[0].WallHours, 9);
        Assert.Equal(p.CoreHours, half.CoreHours, 9);
        Assert.Contains("| 100 | 2.8 | 0.12 |", p.ToMarkdown("test"));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(100, 0)]
    [InlineData(100, 1.5)]
    public void Projection_rejects_impossible_inputs(double rate, double efficiency) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignProjection.Compute(1e11, rate, efficiency, [100]));

    [Fact]
    public void Ratios_and_projection_follow_the_report_figures()
    {
        var report = new BenchReport();
        report.Figures[BenchKeys.Cores] = 2;
        report.Figures[BenchKeys.GenReco1 + BenchKeys.EventsPerS] = 300_000;
        report.Figures[BenchKeys.GenRecoAll + BenchKeys.EventsPerS] = 540_000; // the two cores at 0.9 of one each
        report.Figures[BenchKeys.Pipeline1 + BenchKeys.EventsPerS] = 270_000;
        report.Figures[BenchKeys.PipelineAll + BenchKeys.EventsPerS] = 500_000;
        report.Figures[BenchKeys.Pipeline1 + BenchKeys.KernelAround + BenchKeys.EventsPerS] = 290_000;
        report.Figures[BenchKeys.PipelineAll + BenchKeys.KernelAround + BenchKeys.EventsPerS] = 280_000;
        report.Figures[BenchKeys.Pipeline1Paired + BenchKeys.EventsPerS] = 265_000;
        report.Figures[BenchKeys.Pipeline1NoPersistence + BenchKeys.EventsPerS] = 275_400;
        report.Figures[BenchKeys.Pipeline1NoPersistenceSwapped + BenchKeys.EventsPerS] = 270_000;
        report.Figures[BenchKeys.Pipeline1PairedSwapped + BenchKeys.EventsPerS] = 268_000;
        BenchCommand.AddRatios(report);
        Assert.Equal(0.9, report.Get(BenchKeys.RatioPipeline1)!.Value, 12);
        Assert.Equal(500_000.0 / 600_000, report.Get(BenchKeys.RatioPipelineAll)!.Value, 12);
        Assert.Equal(500_000.0 / 540_000, report.Get(BenchKeys.RatioPipelineAllOverKernelAll)!.Value, 12);
        // Against the kernel measured in each part's own process.
        Assert.Equal(270_000.0 / 290_000, report.Get(BenchKeys.RatioPipeline1OverKernelAround)!.Value, 12);
        Assert.Equal(500_000.0 / (2 * 280_000), report.Get(BenchKeys.RatioPipelineAllOverKernelAround)!.Value, 12);
        // Against the SQLite node of the pair, not pipeline.1core.
        var sqliteFirst = 275_400.0 / 265_000 - 1;
        var memoryFirst = 270_000.0 / 268_000 - 1;
        Assert.Equal(sqliteFirst, report.Get(BenchKeys.PersistenceOverheadSqliteFirst)!.Value, 12);
        Assert.Equal(memoryFirst, report.Get(BenchKeys.PersistenceOverheadMemoryFirst)!.Value, 12);
        Assert.Equal(Math.Sqrt((1 + sqliteFirst) * (1 + memoryFirst)) - 1, report.Get(BenchKeys.PersistenceOverhead)!.Value, 12);
        Assert.True(report.NotMeasured.ContainsKey(BenchKeys.RatioTwoNodes));
        Assert.False(report.Figures.ContainsKey(BenchKeys.RatioTwoNodes));

        var (projection, source) = BenchCommand.ProjectionOf(report);
        Assert.Equal(250_000, projection.RatePerCoreEventsPerS, 9); // the pipeline on 2 cores, per core
        Assert.Equal(1, projection.ScalingEfficiency);
        Assert.Contains("assumed linear", source);
        Assert.Equal(1e11 / 250_000 / 3600, report.Get(BenchKeys.ProjectionCoreHours)!.Value, 9);
        Assert.Equal(1e11 / 250_000 / 1000 / 3600, report.Get(BenchKeys.ProjectionWallHours(1000))!.Value, 9);
    }

    [Fact]
    public void Projection_falls_back_to_the_bare_kernel_without_the_pipeline()
    {
        var report = new BenchReport();
        report.Figures[BenchKeys.Cores] = 2;
        report.Figures[BenchKeys.GenReco1 + BenchKeys.EventsPerS] = 300_000;
        var (projection, source) = BenchCommand.ProjectionOf(report);
        Assert.Equal(300_000, projection.RatePerCoreEventsPerS);
        Assert.Contains("bare kernel", source);
    }

    [Fact]
    public void Proc_status_lines_parse_to_kilobytes()
    {
        Assert.Equal(123_456, PeakMemory.ParseKb("VmHWM:\t  123456 kB"));
        Assert.Equal(7, PeakMemory.ParseKb("VmHWM: 7"));
    }
}
