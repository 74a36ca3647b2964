using System.CommandLine;
using System.Globalization;
using NA64.Reco.Bench.Micro;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Options;

namespace NA64.Reco.Bench;

/// <summary>
/// <c>na64-bench</c>: the performance figures on this machine, in one run on the same events — the bare kernel
/// (<see cref="KernelBench"/>), the actor pipeline on one node with 1 and all cores and with persistence on and off
/// (<see cref="PipelineBench"/>), two one-core nodes (<see cref="TwoNodeBench"/>) — the ratios between them, and
/// the projection of a 10¹¹-event MC campaign from them (<see cref="CampaignProjection"/>).
/// </summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var events = new Option<int>("--events") { Description = "Events per kernel measurement, and per pipeline campaign", DefaultValueFactory = _ => 400_000 };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions per kernel measurement (best is kept)", DefaultValueFactory = _ => 3 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write every figure as JSON to this file" };
        var quick = new Option<bool>("--quick") { Description = "A short run (10,000 events, one repetition, no pipeline warm-up): checks, not figures" };
        var projection = new Option<bool>("--projection") { Description = "Print the projection of a 10^11-event MC campaign as Markdown" };
        var noPipeline = new Option<bool>("--kernel-only") { Description = "Measure the bare kernel only (no actor pipeline)" };
        var conditions = ConditionsOption.Create();
        // Internal: one pipeline measurement in a child node process (see PipelineBench).
        var part = new Option<string?>("--pipeline-part") { Hidden = true };
        var partOut = new Option<FileInfo?>("--part-out") { Hidden = true };
        var partSpills = new Option<int>("--part-spills") { Hidden = true };
        var partEvents = new Option<int>("--part-events-per-spill") { Hidden = true };
        var partChunk = new Option<int>("--part-chunk-size") { Hidden = true };
        // Internal: the two-node cluster driver in a child process (see TwoNodeBench).
        var twoNodePart = new Option<bool>("--two-node-part") { Hidden = true };
        var command = new RootCommand("Measure throughput (kernel, pipeline, persistence), ratios, memory, and the 10^11-event projection")
            { events, repeat, json, quick, projection, noPipeline, conditions, part, partOut, partSpills, partEvents, partChunk, twoNodePart };
        command.Subcommands.Add(MicroCommand.Create());
        command.Subcommands.Add(ControlPlane.ControlPlaneCommand.Create());
        command.SetAction(parse => CliErrors.GuardProgram("na64-bench", parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var c = ConditionsOption.Load(parse.GetValue(conditions));
            var isQuick = parse.GetValue(quick);
            if (parse.GetValue(part) is { } partName)
            {
                var shape = new PipelineBench.Shape(parse.GetValue(partSpills), parse.GetValue(partEvents), parse.GetValue(partChunk));
                PipelineBench.RunPartAsync(c, partName, shape, warmUp: !isQuick, parse.GetValue(partOut)!.FullName,
                    parse.InvocationConfiguration.Error, CancellationToken.None).GetAwaiter().GetResult();
                return 0;
            }
            if (parse.GetValue(twoNodePart))
            {
                var shape = new PipelineBench.Shape(parse.GetValue(partSpills), parse.GetValue(partEvents), parse.GetValue(partChunk));
                TwoNodeBench.RunDriverAsync(parse.GetValue(conditions)?.FullName, shape, warmUp: !isQuick, parse.GetValue(partOut)!.FullName,
                    parse.InvocationConfiguration.Error, CancellationToken.None).GetAwaiter().GetResult();
                return 0;
            }
            var n = isQuick ? 10_000 : parse.GetValue(events);
            var r = isQuick ? 1 : Math.Max(1, parse.GetValue(repeat));
            if (n < 1000)
            {
                parse.InvocationConfiguration.Error.WriteLine("na64-bench: --events must be at least 1000");
                return 2;
            }
            var report = Run(c, parse.GetValue(conditions)?.FullName, n, r, !parse.GetValue(noPipeline), warmUp: !isQuick, parse.InvocationConfiguration.Error);
            Print(report, output);
            var proj = ProjectionOf(report);
            if (parse.GetValue(projection)) output.WriteLine("\n" + proj.Projection.ToMarkdown(proj.Source));
            if (parse.GetValue(json) is { } file) report.WriteJson(file.FullName);
            return 0;
        }));
        return command;
    }

    public static BenchReport Run(DetectorConditions c, string? conditionsPath, int events, int repeat, bool pipeline, bool warmUp, TextWriter log)
    {
        var report = new BenchReport();
        var cores = Environment.ProcessorCount;
        report.Figures[BenchKeys.Cores] = cores;
        report.Figures[BenchKeys.Events] = events;
        KernelBench.Run(c, events, repeat, report);
        if (pipeline)
        {
            // The same campaign shape for the one-node parts and for the two nodes: the ratio compares equal work.
            var shape = PipelineBench.Shape.For(events, cores);
            PipelineBench.Run(shape, warmUp, conditionsPath, report, log);
            TwoNodeBench.Run(shape, warmUp, conditionsPath, report, log);
        }
        else
        {
            foreach (var k in BenchKeys.PipelineNodes)
            foreach (var s in new[] { BenchKeys.EventsPerS, BenchKeys.EventsPerCpuS, BenchKeys.BytesPerEvent, BenchKeys.PeakRssMb })
                report.NotMeasured[k + s] = "--kernel-only";
            foreach (var k in BenchKeys.KernelAroundNodes) report.NotMeasured[BenchKeys.KernelAroundOf(k)] = "--kernel-only";
        }
        AddRatios(report);
        ProjectionOf(report);
        return report;
    }

    /// <summary>Ratios of the performance targets from the figures present; a ratio of something not measured is itself not measured.</summary>
    public static void AddRatios(BenchReport report)
    {
        var cores = (int)(report.Get(BenchKeys.Cores) ?? Environment.ProcessorCount);
        var bareMc = report.Get(BenchKeys.GenReco1 + BenchKeys.EventsPerS);
        var p1 = report.Get(BenchKeys.Pipeline1 + BenchKeys.EventsPerS);
        var pAll = report.Get(BenchKeys.PipelineAll + BenchKeys.EventsPerS);
        var two = report.Get(BenchKeys.TwoNodes + BenchKeys.EventsPerS);
        report.Set(BenchKeys.RatioPipeline1, BenchRatios.PipelineEfficiency(p1, bareMc, 1), "pipeline not measured");
        report.Set(BenchKeys.RatioPipelineAll, BenchRatios.PipelineEfficiency(pAll, bareMc, cores), "pipeline not measured");
        // The same rate against the kernel measured on all cores (one kernel "core" of the ratio = all of them).
        report.Set(BenchKeys.RatioPipelineAllOverKernelAll, BenchRatios.PipelineEfficiency(pAll, report.Get(BenchKeys.GenRecoAll + BenchKeys.EventsPerS), 1),
            "pipeline not measured");
        report.Set(BenchKeys.RatioPipeline1OverKernelAround,
            BenchRatios.PipelineEfficiency(p1, report.Get(BenchKeys.KernelAroundOf(BenchKeys.Pipeline1)), 1), "pipeline not measured");
        report.Set(BenchKeys.RatioPipelineAllOverKernelAround,
            BenchRatios.PipelineEfficiency(pAll, report.Get(BenchKeys.KernelAroundOf(BenchKeys.PipelineAll)), cores), "pipeline not measured");
        report.Set(BenchKeys.RatioTwoNodes, BenchRatios.TwoNodeScaling(two, p1), "two nodes not measured");
        // Persistence: the two nodes of each pair, measured side by side in one process (not pipeline.1core, a run
        // apart), over both orders of the pair.
        var first = Overhead(report, BenchKeys.Pipeline1Paired, BenchKeys.Pipeline1NoPersistence, BenchKeys.EventsPerS);
        var swapped = Overhead(report, BenchKeys.Pipeline1PairedSwapped, BenchKeys.Pipeline1NoPersistenceSwapped, BenchKeys.EventsPerS);
        report.Set(BenchKeys.PersistenceOverheadSqliteFirst, first, "pipeline not measured");
        report.Set(BenchKeys.PersistenceOverheadMemoryFirst, swapped, "pipeline not measured");
        report.Set(BenchKeys.PersistenceOverhead, BenchRatios.OverBothOrders(first, swapped), "pipeline not measured (both orders of the pair are needed)");
        report.Set(BenchKeys.RatioPipeline1Cpu, BenchRatios.PipelineEfficiency(
            report.Get(BenchKeys.Pipeline1 + BenchKeys.EventsPerCpuS), report.Get(BenchKeys.GenReco1 + BenchKeys.EventsPerCpuS), 1), "pipeline not measured");
        report.Set(BenchKeys.PersistenceOverheadCpu, BenchRatios.OverBothOrders(
            Overhead(report, BenchKeys.Pipeline1Paired, BenchKeys.Pipeline1NoPersistence, BenchKeys.EventsPerCpuS),
            Overhead(report, BenchKeys.Pipeline1PairedSwapped, BenchKeys.Pipeline1NoPersistenceSwapped, BenchKeys.EventsPerCpuS)),
            "pipeline not measured (both orders of the pair are needed)");
    }

    private static double? Overhead(BenchReport report, string sqliteKey, string memoryKey, string rate) =>
        BenchRatios.PersistenceOverhead(report.Get(sqliteKey + rate), report.Get(memoryKey + rate));

    /// <summary>
    /// The projection from the best-founded per-core rate: the pipeline on all cores of this node divided by the
    /// cores when it was measured, else the bare MC kernel; cross-node scaling from the two-node figure, else 1.
    /// </summary>
    public static (CampaignProjection Projection, string Source) ProjectionOf(BenchReport report)
    {
        var cores = (int)(report.Get(BenchKeys.Cores) ?? Environment.ProcessorCount);
        double rate;
        string source;
        if (report.Get(BenchKeys.PipelineAll + BenchKeys.EventsPerS) is { } pAll)
        {
            rate = pAll / cores;
            source = $"actor pipeline, MC beam campaign, {cores} cores of this node, divided by {cores}";
        }
        else
        {
            rate = report.Get(BenchKeys.GenReco1 + BenchKeys.EventsPerS)!.Value;
            source = "bare kernel generate + reconstruct + select, one core (pipeline not measured)";
        }
        var scaling = report.Get(BenchKeys.RatioTwoNodes) is { } two ? Math.Min(1, two / 2) : 1.0;
        if (report.Get(BenchKeys.RatioTwoNodes) is null) source += "; cross-node scaling assumed linear (two nodes not measured)";
        var projection = CampaignProjection.Compute(CampaignProjection.DefaultEvents, rate, scaling, CampaignProjection.DefaultCores);
        report.Figures[BenchKeys.ProjectionRate] = rate;
        report.Figures[BenchKeys.ProjectionCoreHours] = projection.CoreHours;
        report.Figures[BenchKeys.ProjectionScaling] = scaling;
        foreach (var row in projection.Rows) report.Figures[BenchKeys.ProjectionWallHours(row.Cores)] = row.WallHours;
        return (projection, source);
    }

    private static void Print(BenchReport report, TextWriter output)
    {
        foreach (var (name, value) in report.Figures)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-58} {value,16:N3}"));
        foreach (var (name, why) in report.NotMeasured)
            output.WriteLine($"{name,-58} {"not measured",16}: {why}");
    }
}
