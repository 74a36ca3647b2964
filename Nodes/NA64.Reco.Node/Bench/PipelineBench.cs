using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Node.Cli;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Node.Bench;

/// <summary>
/// The actor pipeline on one embedded node (the hosting of <c>na64 run</c>): an MC campaign of the kernel's beam
/// sample, with one chunk in flight and with one per core, and with the journal in SQLite (as <c>na64 run</c>) or
/// in memory (<c>akka.persistence.journal.inmem</c>: persistence off). Each run is timed from the campaign's start
/// to its end on an already running node; rate, allocations per event and peak RSS per run.
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

        /// <summary>About <paramref name="events"/> events in at least 2 spills per core so that every core has a spill to work on.</summary>
        public static Shape For(int events, int cores)
        {
            var spills = Math.Max(2 * cores, (events + 49_999) / 50_000);
            var perSpill = Math.Max(1000, events / spills);
            return new Shape(spills, perSpill, Math.Min(5000, perSpill));
        }
    }

    public static async Task RunAsync(DetectorConditions conditions, Shape shape, bool warmUp, BenchReport report, CancellationToken ct)
    {
        var cores = Environment.ProcessorCount;
        var dir = Directory.CreateTempSubdirectory("na64-bench-pipeline-");
        try
        {
            // Persistence on (SQLite, as na64 run): one chunk in flight, then one per core.
            await using (var node = await Node.StartAsync(conditions, Path.Combine(dir.FullName, "journal.db"), inMemory: false, ct))
            {
                if (warmUp) await node.RunAsync(new Shape(cores, Math.Min(5000, shape.EventsPerSpill), shape.ChunkSize), "warmup", cores, ct);
                Record(report, BenchKeys.Pipeline1, await node.RunAsync(shape, "one-core", 1, ct));
                Record(report, BenchKeys.PipelineAll, await node.RunAsync(shape, "all-cores", cores, ct));
            }
            // Persistence off: the same one-core campaign with the journal in memory.
            await using (var node = await Node.StartAsync(conditions, Path.Combine(dir.FullName, "unused.db"), inMemory: true, ct))
            {
                if (warmUp) await node.RunAsync(new Shape(cores, Math.Min(5000, shape.EventsPerSpill), shape.ChunkSize), "warmup", cores, ct);
                Record(report, BenchKeys.Pipeline1NoPersistence, await node.RunAsync(shape, "one-core-inmem", 1, ct));
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Record(BenchReport report, string key, Measurement m)
    {
        report.Figures[key + BenchKeys.EventsPerS] = m.Events / m.Seconds;
        report.Figures[key + BenchKeys.BytesPerEvent] = (double)m.AllocatedBytes / m.Events;
        report.Figures[key + BenchKeys.PeakRssMb] = m.PeakRssBytes / 1e6;
    }

    private sealed record Measurement(long Events, double Seconds, long AllocatedBytes, long PeakRssBytes);

    /// <summary>A running embedded node; chunks in flight = spills in flight (× 1 chunk per spill).</summary>
    private sealed class Node(IHost host, PipelineOptions options) : IAsyncDisposable
    {
        public static async Task<Node> StartAsync(DetectorConditions conditions, string db, bool inMemory, CancellationToken ct)
        {
            // One chunk per spill: the spill concurrency, chosen per campaign, then sets the chunks in flight
            // (the spill actor's own limit is fixed when the node starts).
            var options = new PipelineOptions { DatabasePath = db, Port = 0, MaxSpillsInFlight = 1, MaxChunksInFlightPerSpill = 1 };
            if (!inMemory) SqliteJournal.Prepare(db);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            ProcessingBindings.Register(builder.Services, conditions);
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
            return new Node(host, options);
        }

        public async Task<Measurement> RunAsync(Shape shape, string id, int inFlight, CancellationToken ct)
        {
            var spec = new CampaignSpec
            {
                Id = "bench-" + id,
                ChunkSize = shape.ChunkSize,
                Samples = [new SampleSpec(KernelBench.Beam.Kind, 0, 0, shape.Spills, shape.EventsPerSpill, KernelBench.Beam.Seed, 1)],
            };
            var plan = CampaignPlan.Expand(spec, Directory.GetCurrentDirectory());
            var runOptions = new PipelineOptions
            {
                DatabasePath = options.DatabasePath, Port = options.Port, MaxSpillsInFlight = inFlight, MaxChunksInFlightPerSpill = 1,
            };
            var system = host.Services.GetRequiredService<ActorSystem>();
            var registry = host.Services.GetRequiredService<IActorRegistry>();
            GC.Collect();
            PeakMemory.TryReset();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            var finished = await CampaignRunner.RunAsync(system, registry, plan, runOptions, _ => { }, ct);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            long events = 0;
            foreach (var s in finished.Samples.Values) events += s.Events;
            if (events != shape.Events || finished.Quarantined.Count != 0)
                throw new InvalidOperationException($"bench campaign {spec.Id}: {events} of {shape.Events} events, {finished.Quarantined.Count} spills quarantined");
            return new Measurement(events, watch.Elapsed.TotalSeconds, allocated, PeakMemory.PeakBytes());
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
        }
    }
}
