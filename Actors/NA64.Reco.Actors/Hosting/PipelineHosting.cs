using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.DependencyInjection;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Inspection;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using LogLevel = Akka.Event.LogLevel;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// The pipeline on one node, through Akka.Hosting: remoting, cluster (role <c>worker</c>), the spill
/// and chunk shard regions, and persistence on SQLite. The same wiring serves a cluster node; the
/// embedded node joins itself.
/// </summary>
public static class PipelineHosting
{
    public const string WorkerRole = "worker";

    public static AkkaConfigurationBuilder WithNa64Pipeline(this AkkaConfigurationBuilder builder, PipelineOptions options, bool joinSelf)
    {
        builder
            .AddHocon(SqliteJournal.Hocon(options.DatabasePath), HoconAddMode.Prepend)
            .WithRemoting(options.Hostname, options.Port)
            .WithClustering(new ClusterOptions { Roles = [WorkerRole] })
            // Shard coordinator state in distributed data, not in the journal: a restarted node (new port)
            // must not recover allocations to the regions of a dead incarnation. Nothing to remember
            // either: the campaign journal says what is left to do.
            .WithShardRegion<ChunkRegion>("chunk",
                (_, _, resolver) => _ => ReconstructionActor.Props(resolver.GetService<IChunkProcessor>()),
                new ChunkMessageExtractor(options.ShardCount),
                new ShardOptions { Role = WorkerRole, RememberEntities = false, StateStoreMode = StateStoreMode.DData })
            .WithShardRegion<SpillRegion>("spill",
                (_, registry, resolver) => _ => SpillActor.Props(registry.Get<ChunkRegion>(), resolver.GetService<ISpillCatalog>(), options.Spill),
                new SpillMessageExtractor(options.ShardCount),
                new ShardOptions { Role = WorkerRole, RememberEntities = false, StateStoreMode = StateStoreMode.DData });
        if (joinSelf)
            builder
                // One node alone: gossip and leader ticks of a real cluster only delay joining and leaving.
                .AddHocon("akka.cluster { gossip-interval = 200ms, leader-actions-interval = 200ms }", HoconAddMode.Prepend)
                .AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return builder;
    }

    /// <summary>
    /// A host running the pipeline on an embedded single node: SQLite prepared (WAL), Akka logs routed
    /// to a console logger on stderr (Akka.Hosting sends them to Microsoft.Extensions.Logging, and
    /// without a provider errors would vanish).
    /// </summary>
    /// <param name="commandHost">When given, the command host (issue 5) starts with the node: resolve
    /// <see cref="CommandHostHandle"/> for its port.</param>
    public static IHost BuildEmbeddedHost(PipelineOptions options, Action<IServiceCollection> registerProcessing,
        Microsoft.Extensions.Logging.LogLevel minimumLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        CommandHostOptions? commandHost = null)
    {
        SqliteJournal.Prepare(options.DatabasePath);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace);
        registerProcessing(builder.Services);
        if (commandHost is not null)
        {
            builder.Services.AddNa64CommandHost(commandHost, new InMemoryLog());
            // log peek shows information lines too (the console keeps to the minimum level).
            builder.Logging.AddFilter<InMemoryLog>(null, Microsoft.Extensions.Logging.LogLevel.Information);
        }
        builder.Services.AddAkka(options.ActorSystemName, (akka, _) =>
        {
            akka.ConfigureLoggers(l =>
            {
                l.LogLevel = ToAkka(minimumLevel);
                l.ClearLoggers();
                l.AddLoggerFactory();
            });
            akka.WithNa64Pipeline(options, joinSelf: true);
            if (commandHost is not null) akka.WithNa64CommandHost();
        });
        return builder.Build();
    }

    private static LogLevel ToAkka(Microsoft.Extensions.Logging.LogLevel level) => level switch
    {
        <= Microsoft.Extensions.Logging.LogLevel.Debug => LogLevel.DebugLevel,
        Microsoft.Extensions.Logging.LogLevel.Information => LogLevel.InfoLevel,
        Microsoft.Extensions.Logging.LogLevel.Warning => LogLevel.WarningLevel,
        _ => LogLevel.ErrorLevel,
    };
}
