using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace NA64.Reco.Bench.Micro;

/// <summary>
/// <c>na64-bench micro</c>: the kernel micro-benchmarks (<see cref="KernelBenchmarks"/>) under BenchmarkDotNet, in this
/// process (no generated project: the build here is what is measured), then one line per benchmark with its mean per
/// operation and its allocation.
/// </summary>
public static class MicroCommand
{
    public static Command Create()
    {
        var filter = new Option<string?>("--filter") { Description = "Only the benchmarks whose name contains this text (e.g. Merge)" };
        var quick = new Option<bool>("--quick") { Description = "One iteration of each (BenchmarkDotNet's dry job): checks, not figures" };
        var artifacts = new Option<string?>("--artifacts") { Description = "BenchmarkDotNet's reports folder (default: a temporary one, deleted)" };
        var command = new Command("micro", "Kernel micro-benchmarks under BenchmarkDotNet: ns and bytes per event") { filter, quick, artifacts };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var folder = parse.GetValue(artifacts) ?? Directory.CreateTempSubdirectory("na64-bdn-").FullName;
            try
            {
                var summary = Run(parse.GetValue(filter), parse.GetValue(quick), folder);
                foreach (var line in Lines(summary)) output.WriteLine(line);
                return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) || summary.Reports.Length == 0 ? 1 : 0;
            }
            finally
            {
                if (parse.GetValue(artifacts) is null) Directory.Delete(folder, recursive: true);
            }
        });
        return command;
    }

    public static Summary Run(string? filter, bool quick, string artifactsFolder)
    {
        var job = (quick ? Job.Dry : Job.Default.WithWarmupCount(2).WithIterationCount(8).WithLaunchCount(1))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(NullLogger.Instance)
            .WithArtifactsPath(artifactsFolder)
            .WithOptions(ConfigOptions.DisableLogFile);
        if (filter is not null) config = config.AddFilter(new BenchmarkDotNet.Filters.NameFilter(n => n.Contains(filter, StringComparison.OrdinalIgnoreCase)));
        return BenchmarkRunner.Run<KernelBenchmarks>(config);
    }

    /// <summary>One line per benchmark: its name, mean time and allocation per operation, and for per-event ones the events/s.</summary>
    public static IEnumerable<string> Lines(Summary summary)
    {
        foreach (var r in summary.Reports)
        {
            var name = r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            if (!r.Success || r.ResultStatistics is null)
            {
                yield return $"{name,-44} failed";
                continue;
            }
            var ns = r.ResultStatistics.Mean;
            var bytes = r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0;
            var perEvent = r.BenchmarkCase.Descriptor.OperationsPerInvoke > 1;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} {ns,12:N1} ns/{(perEvent ? "event" : "op   ")} {bytes,10:N1} B/{(perEvent ? "event" : "op   ")}{(perEvent ? $" {1e9 / ns,14:N0} events/s" : "")}");
        }
    }
}
