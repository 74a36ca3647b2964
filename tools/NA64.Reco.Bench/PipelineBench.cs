using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Results;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Bench;

/// <summary>
/// The actor pipeline on one embedded node (the hosting of <c>na64 run</c>): an MC campaign of the kernel's beam
/// sample on one core and on all cores, with the journal in SQLite (as <c>na64 run</c>) or in memory
/// (<c>akka.persistence.journal.inmem</c>: persistence off). Each part runs in its own process, timed from the
/// campaign's start to its end on an already running, warmed-up node: rate, allocations per event, peak RSS. The
/// persistence overhead comes from paired parts: a SQLite node and an in-memory node in one process on one core,
/// their campaigns alternating, so that both meet the same moments of this VM (docs/performance-log.md), in
/// two processes with the nodes started in either order.
/// </summary>
public static class PipelineBench
{
    /// <summary>Journal and snapshots in memory: the same actors, no disk.</summary>
    public const string InMemoryPersistenceHocon = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>Campaign shape: spills × events per spill, in chunks of chunkSize.</summary>
    public sealed record Shape(int Spills, int EventsPerSpill, int ChunkSize)
    {
        public long Events => (long)Spills * EventsPerSpill;

        /// <summary>
        /// About <paramref name="events"/> events in spills of at most 25,000 events, and at least
        /// <see cref="InFlightPerCore"/> spills per core so that every chunk slot has a spill to work on.
        /// </summary>
        public static Shape For(int events, int cores)
        {
            var spills = Math.Max(InFlightPerCore * cores, (events + 24_999) / 25_000);
            var perSpill = Math.Max(1000, events / spills);
            return new Shape(spills, perSpill, Math.Min(5000, perSpill));
        }
    }

    /// <summary>How often a measured campaign's state is asked for: its end is known to within this (0.1% of a campaign of the bench).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Chunks in flight per core: more than one, so that a core never waits for a journal write or a dispatch.</summary>
    public const int InFlightPerCore = 2;

    /// <summary>The parts, each in its own process (one core by CPU affinity): one node each, or the persistence pair in either order.</summary>
    public static readonly IReadOnlyList<Part> Parts =
    [
        new("one-core", OneCore: true, [new(BenchKeys.Pipeline1, InMemory: false)], KernelAround: true),
        new("all-cores", OneCore: false, [new(BenchKeys.PipelineAll, InMemory: false)], KernelAround: true),
        new("one-core-paired", OneCore: true, [new(BenchKeys.Pipeline1Paired, InMemory: false), new(BenchKeys.Pipeline1NoPersistence, InMemory: true)]),
        new("one-core-paired-swapped", OneCore: true,
            [new(BenchKeys.Pipeline1NoPersistenceSwapped, InMemory: true), new(BenchKeys.Pipeline1PairedSwapped, InMemory: false)]),
        new("one-core-biased-beam", OneCore: true, [new(BenchKeys.Pipeline1BiasedBeam, InMemory: false, Bias: BiasedBeamBias)]),
        new("one-core-forced-kaon", OneCore: true, [new(BenchKeys.Pipeline1ForcedKaon, InMemory: false, Sample: "kaon", Bias: KernelBench.ForcedKaon.Bias)]),
        new("one-core-forced-photo-nuclear", OneCore: true, [new(BenchKeys.Pipeline1ForcedPhotoNuclear, InMemory: false, Sample: "electron", Bias: ForcedPhotoNuclearBias)]),
        new("one-core-muon-zprime", OneCore: true, [new(BenchKeys.Pipeline1ZPrime, InMemory: false, Sample: "zprime", Setup: SetupCatalog.Na64Mu2022)]),
    ];

    /// <summary>The bias of the biased part: above 1/q of the electro-nuclear interaction and of the π/K decays to an electron, all forced.</summary>
    public const double BiasedBeamBias = 1e7;

    /// <summary>The bias of the forced photo-nuclear part: above 1/q ≈ 1100 (docs/physics.md §4c), every electron's shower loses a photon to a nucleus.</summary>
    public const double ForcedPhotoNuclearBias = 1e4;

    /// <summary>
    /// One measured node of a part: its report key, whether its journal is in memory or in SQLite, its sample's kind and
    /// bias, and the built-in setup its campaign names (null: the node's conditions).
    /// </summary>
    public sealed record PartNode(string Key, bool InMemory, string Sample = "beam", double Bias = 1, string? Setup = null);

    /// <summary>
    /// One child process: name, pinned to one core or not, and its nodes (more than one: campaigns alternate); with
    /// <paramref name="KernelAround"/>, the bare MC kernel is also measured in it before its nodes start and after they stop.
    /// </summary>
    public sealed record Part(string Name, bool OneCore, PartNode[] Nodes, bool KernelAround = false);

    /// <summary>Why a node of a paired part has no peak RSS of its own.</summary>
    public const string SharedProcessRss = "shares its process with the other node of the persistence pair; see pipeline.1core";

    /// <summary>
    /// Runs every part in a child node process (<c>na64-bench --pipeline-part NAME</c>), pinned to CPU 0 by
    /// <c>taskset</c> for the one-core parts, and records its figures; a part that cannot run is reported as not measured.
    /// </summary>
    public static void Run(Shape shape, bool warmUp, string? conditionsPath, BenchReport report, TextWriter log)
    {
        var dir = Directory.CreateTempSubdirectory("na64-bench-pipeline-");
        try
        {
            foreach (var part in Parts)
            {
                var outFile = Path.Combine(dir.FullName, part.Name + ".json");
                var args = new List<string> { "--pipeline-part", part.Name, "--part-out", outFile,
                    "--part-spills", shape.Spills.ToString(CultureInfo.InvariantCulture),
                    "--part-events-per-spill", shape.EventsPerSpill.ToString(CultureInfo.InvariantCulture),
                    "--part-chunk-size", shape.ChunkSize.ToString(CultureInfo.InvariantCulture) };
                if (!warmUp) args.Add("--quick");
                if (conditionsPath is not null) args.AddRange(["--conditions", conditionsPath]);
                var why = ChildProcess.Run(part.OneCore, args, log);
                if (why is null && File.Exists(outFile))
                {
                    var ms = JsonSerializer.Deserialize<Measurement[]>(File.ReadAllBytes(outFile))!;
                    for (var i = 0; i < part.Nodes.Length; i++) Record(report, part.Nodes[i].Key, ms[i], part.Nodes.Length > 1);
                }
                else
                {
                    foreach (var node in part.Nodes)
                    foreach (var suffix in new[] { BenchKeys.EventsPerS, BenchKeys.EventsPerCpuS, BenchKeys.BytesPerEvent, BenchKeys.PeakRssMb })
                        report.NotMeasured[node.Key + suffix] = why ?? "the node process wrote no figures";
                    if (part.KernelAround) report.NotMeasured[BenchKeys.KernelAroundOf(part.Nodes[0].Key)] = why ?? "the node process wrote no figures";
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// In the child: one part on embedded nodes of this process, the figures of each node written as a JSON array to
    /// <paramref name="outFile"/>. With two nodes, each is warmed up, then their measured campaigns alternate.
    /// </summary>
    public static async Task RunPartAsync(DetectorConditions conditions, string partName, Shape shape, bool warmUp, string outFile, TextWriter log,
        CancellationToken ct)
    {
        Part? part = null;
        foreach (var p in Parts) if (p.Name == partName) part = p;
        if (part is null) throw new ArgumentException($"unknown pipeline part '{partName}'");
        var inFlight = InFlightPerCore * Environment.ProcessorCount; // the affinity mask's CPUs
        var dir = Directory.CreateTempSubdirectory("na64-bench-node-");
        var nodes = new List<Node>();
        // The bare kernel in this process, on its CPUs, just before and just after its campaigns.
        var kernelEvents = (int)Math.Min(shape.Events, KernelAroundEvents);
        var kernel = new List<double>();
        if (part.KernelAround) kernel.AddRange(KernelRates(conditions, kernelEvents, warmUp: true, warmUp ? 2 : 1));
        try
        {
            for (var n = 0; n < part.Nodes.Length; n++)
                nodes.Add(await Node.StartAsync(conditions, Path.Combine(dir.FullName, $"journal-{n}.db"), part.Nodes[n].InMemory, inFlight, ct));
            // Warm-up: JIT tiering of the kernel and of the actors' paths, the journal's first writes. A fresh node
            // process runs much of the kernel at tier 0 for a while (a campaign of 80,000 events on one loaded core
            // was measured 30% slower in CPU time than with tiering off); a worker runs for hours, so the figure
            // wanted is the steady state: the whole campaign once under another id, then the measured ones.
            var warm = warmUp ? shape : new Shape(inFlight, 1000, Math.Min(shape.ChunkSize, 1000));
            for (var n = 0; n < nodes.Count; n++) await nodes[n].RunAsync(warm, "warmup", part.Nodes[n], ct);
            var runs = new List<Measurement>[nodes.Count];
            for (var n = 0; n < nodes.Count; n++) runs[n] = [];
            // Rounds in the order A B, B A, A B, ...: neither node always runs right after the other's campaign.
            for (var i = 1; i <= (warmUp ? MeasuredCampaigns : 1); i++)
            for (var k = 0; k < nodes.Count; k++)
            {
                var n = i % 2 == 1 ? k : nodes.Count - 1 - k;
                var c = await nodes[n].RunAsync(shape, $"{part.Name}-{n}-{i}", part.Nodes[n], ct);
                runs[n].Add(c);
                // To stderr, which the bench passes on: every measured campaign, not only the one kept.
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"pipeline {part.Name} ({part.Nodes[n].Key}), campaign {i}: {c.Seconds:F3} s; CPU-s {c.CpuSeconds:F2}; {c.Gc}"));
            }
            foreach (var node in nodes) await node.DisposeAsync();
            nodes.Clear();
            if (part.KernelAround) kernel.AddRange(KernelRates(conditions, kernelEvents, warmUp: false, warmUp ? 2 : 1));
            var best = runs.Select(Best).ToArray();
            if (kernel.Count > 0)
            {
                best[0] = best[0] with { KernelEventsPerS = kernel.Max() };
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"pipeline {part.Name}: bare kernel in the same process, before and after the campaigns: {string.Join(", ", kernel.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} events/s"));
            }
            await File.WriteAllBytesAsync(outFile, JsonSerializer.SerializeToUtf8Bytes(best), ct);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            try { dir.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Measured campaigns per node after the warm-up; the one of least CPU time is kept, as the kernel keeps the best of
    /// its repetitions (a campaign of a few seconds can meet a GC or a background thread of the runtime). Seven, not
    /// three: on this VM the same campaign varies by up to 8% from one campaign to the next, and the runtime still
    /// tiers up paths of the journal and of sharding during the first measured ones: campaign times kept falling through
    /// five of them (docs/performance-log.md).
    /// </summary>
    public const int MeasuredCampaigns = 7;

    /// <summary>Events of each kernel measurement around a part: 3 s of one core, a quarter of the bench's default campaign.</summary>
    public const int KernelAroundEvents = 1_000_000;

    /// <summary>
    /// The bare MC kernel (generate + reconstruct + select + accumulate, one thread: <see cref="KernelBench"/>'s
    /// <c>kernel.generate_reco_select.1core</c>) on the first <paramref name="events"/> events of its sample, in events/s.
    /// </summary>
    private static IEnumerable<double> KernelRates(DetectorConditions conditions, int events, bool warmUp, int repeat)
    {
        var processor = new ChunkProcessor(conditions);
        var chunk = KernelBench.McChunk(0, 0, events);
        if (warmUp) processor.Process(chunk);
        var rates = new double[repeat];
        for (var r = 0; r < repeat; r++)
        {
            var watch = Stopwatch.StartNew();
            processor.Process(chunk);
            rates[r] = events / watch.Elapsed.TotalSeconds;
        }
        return rates;
    }

    /// <summary>The measurement of least CPU time; peak RSS the highest of them all.</summary>
    public static Measurement Best(IReadOnlyList<Measurement> runs)
    {
        var best = runs[0];
        long peak = 0;
        foreach (var m in runs)
        {
            peak = Math.Max(peak, m.PeakRssBytes);
            if (m.CpuSeconds < best.CpuSeconds) best = m;
        }
        return best with { PeakRssBytes = peak };
    }

    private static void Record(BenchReport report, string key, Measurement m, bool sharedProcess)
    {
        report.Figures[key + BenchKeys.EventsPerS] = m.Events / m.Seconds;
        report.Figures[key + BenchKeys.EventsPerCpuS] = m.Events / Math.Max(m.CpuSeconds, 1e-3);
        report.Figures[key + BenchKeys.BytesPerEvent] = (double)m.AllocatedBytes / m.Events;
        if (sharedProcess) report.NotMeasured[key + BenchKeys.PeakRssMb] = SharedProcessRss;
        else report.Figures[key + BenchKeys.PeakRssMb] = m.PeakRssBytes / 1e6;
        if (m.KernelEventsPerS > 0) report.Figures[BenchKeys.KernelAroundOf(key)] = m.KernelEventsPerS;
    }

    /// <summary>What a child node measured (its JSON file).</summary>
    /// <param name="KernelEventsPerS">The bare kernel measured around the campaigns in the same process (0: not measured).</param>
    public sealed record Measurement(long Events, double Seconds, double CpuSeconds, long AllocatedBytes, long PeakRssBytes, GcActivity Gc,
        double KernelEventsPerS = 0);

    /// <summary>A running embedded node; chunks in flight = spills in flight (× 1 chunk per spill).</summary>
    private sealed class Node(IHost host) : IAsyncDisposable
    {
        public static async Task<Node> StartAsync(DetectorConditions conditions, string db, bool inMemory, int inFlight, CancellationToken ct)
        {
            // One chunk per spill: the spills in flight set the chunks in flight.
            var options = new PipelineOptions { DatabasePath = db, Port = 0, MaxSpillsInFlight = inFlight, MaxChunksInFlightPerSpill = 1 };
            if (!inMemory) SqliteJournal.Prepare(db);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            PhysicsBindings.Register(builder.Services, conditions);
            builder.Services.AddAkka(options.ActorSystemName, (akka, _) =>
            {
                akka.ConfigureLoggers(l =>
                {
                    l.LogLevel = Akka.Event.LogLevel.WarningLevel;
                    l.ClearLoggers();
                    l.AddLoggerFactory();
                });
                akka.WithNa64Pipeline(options, joinSelf: true);
                // Prepended after the SQLite HOCON, so it takes precedence.
                if (inMemory) akka.AddHocon(InMemoryPersistenceHocon, HoconAddMode.Prepend);
            });
            var host = builder.Build();
            await host.StartAsync(ct);
            return new Node(host);
        }

        /// <summary>
        /// One campaign through the campaign manager, as <c>na64 run</c> drives it, timed from its submission to the
        /// moment its last spill is counted (the rendering and storing of its results after that is not the pipeline's
        /// throughput); returns once its results are stored, so that the next campaign starts on a quiet node.
        /// </summary>
        public async Task<Measurement> RunAsync(Shape shape, string id, PartNode what, CancellationToken ct)
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var manager = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<CampaignManager>(ct);
            GC.Collect();
            PeakMemory.TryReset();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var gcBefore = GcActivity.Now();
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var spec = what.Setup is { } setup
                ? BenchCampaign.MuonSpec("bench-" + id, setup, what.Sample, shape.Spills, shape.EventsPerSpill, shape.ChunkSize, KernelBench.Beam.Seed)
                : BenchCampaign.SampleSpec("bench-" + id, what.Sample, what.Bias, shape.Spills, shape.EventsPerSpill, shape.ChunkSize, KernelBench.Beam.Seed);
            var run = await BenchCampaign.RunAsync(system, manager, "bench-" + id, spec,
                Directory.GetCurrentDirectory(), () =>
                {
                    self.Refresh();
                    return (Cpu: self.TotalProcessorTime, Allocated: GC.GetTotalAllocatedBytes(precise: true), Gc: GcActivity.Now());
                }, PollInterval, ct);
            if (run.Events != shape.Events) throw new InvalidOperationException($"bench campaign bench-{id}: {run.Events} of {shape.Events} events");
            var (cpu, allocated, gc) = run.AtEnd;
            return new Measurement(run.Events, run.Elapsed.TotalSeconds, (cpu - cpuBefore).TotalSeconds, allocated - before, PeakMemory.PeakBytes(), gc - gcBefore);
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
