using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Cli.Commands;

namespace NA64.Reco.Bench;

/// <summary>
/// Two worker nodes as separate processes on loopback, one core each: <c>taskset -c 0 na64 node
/// --role all</c> (a worker that also hosts the campaign manager singleton, as in the cluster contract) and
/// <c>taskset -c 1 na64 node --role worker</c>, joined to a driver process that is the cluster's seed (role
/// <c>seed</c>: no work) and submits the campaigns to the manager through its singleton proxy. The campaign is
/// that of <c>pipeline.1core</c> (same shape, same events), with twice its chunks in flight: one core's worth
/// per node. Timed from the submission to the progress report of the last spill (the point where
/// <c>pipeline.1core</c>'s timing stops, before the results files are written); CPU time summed over the three
/// processes (coordinator included: it runs inside the first node), peak RSS the larger of the two nodes'.
/// </summary>
public static class TwoNodeBench
{
    /// <summary>
    /// Chunks in flight per node: <c>na64 node</c>'s default <c>--max-spills</c> (per worker node that is Up) of one-chunk
    /// spills. More than the <see cref="PipelineBench.InFlightPerCore"/> of <c>pipeline.1core</c>: a node's finished
    /// spills are journaled across the network before their places are filled; with 4 per node the two cores were
    /// 89–92% busy, with 8 92–97% (docs/performance-log.md).
    /// </summary>
    public const int InFlightPerNode = NA64.Reco.Cli.Commands.NodeCommand.DefaultMaxSpillsPerWorker;

    /// <summary>What the driver measured (its JSON file): totals, and per process (node A, node B, driver) for the log.</summary>
    public sealed record Measurement(long Events, double Seconds, double CpuSeconds, long PeakRssBytes, double[] CpuSecondsByProcess, long[] PeakRssBytesByNode);

    /// <summary>Why two one-core nodes cannot run here, or null when they can.</summary>
    public static string? Unavailable() =>
        ChildProcess.PinningUnavailable()
        ?? (Environment.ProcessorCount < 2 ? $"needs two CPUs for two one-core nodes; this process may use {Environment.ProcessorCount}" : null);

    /// <summary>Runs the driver in a child process (<c>na64-bench --two-node-part</c>) and records its figures, or why there are none.</summary>
    public static void Run(PipelineBench.Shape shape, bool warmUp, string? conditionsPath, BenchReport report, TextWriter log)
    {
        var why = Unavailable();
        if (why is null)
        {
            var dir = Directory.CreateTempSubdirectory("na64-bench-two-nodes-");
            try
            {
                var outFile = Path.Combine(dir.FullName, "two-nodes.json");
                var args = new List<string> { "--two-node-part", "--part-out", outFile,
                    "--part-spills", shape.Spills.ToString(CultureInfo.InvariantCulture),
                    "--part-events-per-spill", shape.EventsPerSpill.ToString(CultureInfo.InvariantCulture),
                    "--part-chunk-size", shape.ChunkSize.ToString(CultureInfo.InvariantCulture) };
                if (!warmUp) args.Add("--quick");
                if (conditionsPath is not null) args.AddRange(["--conditions", conditionsPath]);
                why = ChildProcess.Run(pinToOneCore: false, args, log);
                if (why is null && File.Exists(outFile))
                {
                    var m = JsonSerializer.Deserialize<Measurement>(File.ReadAllBytes(outFile))!;
                    Record(report, m);
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"two nodes: {m.Events} events in {m.Seconds:F3} s; CPU-s node A (role all) {m.CpuSecondsByProcess[0]:F3}, node B {m.CpuSecondsByProcess[1]:F3}, driver/seed {m.CpuSecondsByProcess[2]:F3}; peak RSS A {m.PeakRssBytesByNode[0] / 1e6:F0} MB, B {m.PeakRssBytesByNode[1] / 1e6:F0} MB"));
                    return;
                }
                why ??= "the driver process wrote no figures";
            }
            finally
            {
                try { dir.Delete(recursive: true); } catch (IOException) { }
            }
        }
        foreach (var suffix in new[] { BenchKeys.EventsPerS, BenchKeys.EventsPerCpuS, BenchKeys.BytesPerEvent, BenchKeys.PeakRssMb })
            report.NotMeasured[BenchKeys.TwoNodes + suffix] = why;
    }

    /// <summary>The figures of a driver run; allocations are counted inside a process only, so they stay not measured.</summary>
    public static void Record(BenchReport report, Measurement m)
    {
        report.Figures[BenchKeys.TwoNodes + BenchKeys.EventsPerS] = m.Events / m.Seconds;
        report.Figures[BenchKeys.TwoNodes + BenchKeys.EventsPerCpuS] = m.Events / Math.Max(m.CpuSeconds, 1e-3);
        report.Figures[BenchKeys.TwoNodes + BenchKeys.PeakRssMb] = m.PeakRssBytes / 1e6;
        report.NotMeasured[BenchKeys.TwoNodes + BenchKeys.BytesPerEvent] =
            "allocations are counted inside one process (GC.GetTotalAllocatedBytes); the nodes run the code of pipeline.1core";
    }

    /// <summary>
    /// In the driver process: starts the seed (this process) and the two nodes, runs the warm-up and the measured
    /// campaign, writes the figures to <paramref name="outFile"/>, and stops the nodes.
    /// </summary>
    public static async Task RunDriverAsync(string? conditionsPath, PipelineBench.Shape shape, bool warmUp, string outFile, TextWriter log, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("na64-bench-cluster-");
        var nodes = new List<NodeProcess>();
        IHost? host = null;
        try
        {
            var seedPort = NodeProcess.FreePort();
            var seeds = $"akka.tcp://na64@127.0.0.1:{seedPort}";
            var options = new PipelineOptions
            {
                DatabasePath = Path.Combine(dir.FullName, "driver.db"),
                Port = seedPort,
                Roles = [PipelineHosting.SeedRole],
                Seeds = [seeds],
            };
            host = PipelineHosting.BuildClusterHost(options, _ => { });
            await host.StartAsync(ct);
            var system = host.Services.GetRequiredService<ActorSystem>();

            // Node A hosts the campaign manager (and so each campaign's coordinator) next to its shards: the
            // deployment of the cluster contract (workers run --role all), and the same place as in pipeline.1core.
            // Node B has no coordinator role, so the singleton cannot land there. Each its own journal file: only
            // the manager and the coordinators (on A) write one.
            string[] common = ["--seeds", seeds, "--hostname", "127.0.0.1", "--health-port", "-1", "--cmd-port", "-1", "--max-chunks", "1"];
            if (conditionsPath is not null) common = [.. common, "--conditions", conditionsPath];
            nodes.Add(NodeProcess.StartNa64("A", "0", dir.FullName,
                ["node", "--role", "all", "--port", NodeProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--db", Path.Combine(dir.FullName, "a.db"),
                 "--max-spills", InFlightPerNode.ToString(CultureInfo.InvariantCulture), .. common]));
            nodes.Add(NodeProcess.StartNa64("B", "1", dir.FullName,
                ["node", "--role", "worker", "--port", NodeProcess.FreePort().ToString(CultureInfo.InvariantCulture), "--db", Path.Combine(dir.FullName, "b.db"), .. common]));
            await NodeProcess.WaitForWorkersUp(system, nodes, TimeSpan.FromMinutes(2), ct);

            var manager = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<CampaignManager>(ct);
            using var self = Process.GetCurrentProcess();
            Process[] all = [nodes[0].Process, nodes[1].Process, self];

            var warm = warmUp ? shape : new PipelineBench.Shape(2 * InFlightPerNode, 1000, Math.Min(shape.ChunkSize, 1000));
            await RunCampaign(system, manager, dir.FullName, "bench-two-nodes-warmup", warm, all, ct);
            await CpuQuiet.WaitAsync(all, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(warmUp ? 20 : 2), ct);
            foreach (var n in nodes) PeakMemory.TryReset(n.Process.Id);
            // The best of several campaigns, as pipeline.1core (PipelineBench.MeasuredCampaigns).
            Measurement? m = null;
            for (var i = 1; i <= (warmUp ? PipelineBench.MeasuredCampaigns : 1); i++)
            {
                var (seconds, cpu) = await RunCampaign(system, manager, dir.FullName, $"bench-two-nodes-{i}", shape, all, ct);
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"two nodes, campaign {i}: {seconds:F3} s; CPU-s node A {cpu[0]:F2}, node B {cpu[1]:F2}, driver/seed {cpu[2]:F2}"));
                var rss = new[] { PeakMemory.PeakBytes(nodes[0].Process), PeakMemory.PeakBytes(nodes[1].Process) };
                if (m is null || cpu.Sum() < m.CpuSeconds) m = new Measurement(shape.Events, seconds, cpu.Sum(), rss.Max(), cpu, rss);
            }
            await File.WriteAllBytesAsync(outFile, JsonSerializer.SerializeToUtf8Bytes(m), ct);
        }
        catch (Exception) when (nodes.Count > 0)
        {
            foreach (var n in nodes) await log.WriteAsync(n.Output);
            throw;
        }
        finally
        {
            // The driver leaves first, while the nodes are there to see it go (a second or two); then the nodes are
            // killed: their graceful leave (SIGTERM, shard hand-off) took up to 8 s and measures nothing here.
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
            foreach (var n in nodes) n.Dispose();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Submits one campaign and follows it to its results; returns the seconds from the submission to the last
    /// spill's progress report and the CPU seconds each process used in between.
    /// </summary>
    private static async Task<(double Seconds, double[] Cpu)> RunCampaign(ActorSystem system, IActorRef manager, string dir, string id,
        PipelineBench.Shape shape, Process[] processes, CancellationToken ct)
    {
        var cpuBefore = CpuQuiet.Sample(processes);
        var run = await BenchCampaign.RunAsync(system, manager, id, BenchCampaign.BeamSpec(id, shape.Spills, shape.EventsPerSpill, shape.ChunkSize, KernelBench.Beam.Seed),
            dir, () => CpuQuiet.Sample(processes), PipelineBench.PollInterval, ct);
        if (run.Events != shape.Events) throw new InvalidOperationException($"bench campaign {id}: {run.Events} of {shape.Events} events");
        var cpu = new double[processes.Length];
        for (var i = 0; i < cpu.Length; i++) cpu[i] = (run.AtEnd[i] - cpuBefore[i]).TotalSeconds;
        return (run.Elapsed.TotalSeconds, cpu);
    }


}
