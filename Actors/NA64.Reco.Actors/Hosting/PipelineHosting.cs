using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.DependencyInjection;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Remoting;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Actors.Tls;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Messages.Serialization;
using LogLevel = Akka.Event.LogLevel;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// The pipeline on one node, through Akka.Hosting: remoting, cluster (role <c>worker</c>), the spill
/// shard region, the campaign manager singleton, and persistence on SQLite or PostgreSQL. The same wiring serves a cluster node; the
/// embedded node joins itself.
/// </summary>
public static class PipelineHosting
{
    public const string WorkerRole = "worker";
    public const string CoordinatorRole = "coordinator";
    public const string SeedRole = "seed";
    public const string ManagerName = "campaign-manager";

    public static AkkaConfigurationBuilder WithNa64Pipeline(this AkkaConfigurationBuilder builder, PipelineOptions options, bool joinSelf)
    {
        var isWorker = options.Roles.Contains(WorkerRole);
        builder
            .WithSqlPersistence(options.Journal.JournalOptions(), options.Journal.SnapshotOptions())
            .AddHocon(JournalDatabase.BreakerHocon(options.JournalCallTimeout, options.JournalResetTimeout), HoconAddMode.Prepend)
            .WithNa64Cluster(options.Hostname, options.PublicHostname, options.Port, options.Roles, options.Seeds, options.SplitBrainStableAfter, options.Tls, options.JoinTimeout);
        if (isWorker)
            builder
                // Shard coordinator state in distributed data, not in the journal: a restarted node (new port)
                // must not recover allocations to the regions of a dead incarnation. Nothing to remember
                // either: the campaign journal says what is left to do.
                .WithShardRegion<SpillRegion>("spill",
                    (system, _, resolver) =>
                    {
                        // The region's factory runs once per node: one set of reconstruction threads, stopped with the
                        // system, and one cache of the campaigns' conditions.
                        var threads = new ChunkThreads(options.ChunkThreads);
                        system.RegisterOnTermination(threads.Dispose);
                        var conditions = new ConditionsCache(resolver.GetService<DetectorConditions>());
                        var props = SpillActor.Props(resolver.GetService<ISpillCatalog>(), resolver.GetService<IChunkProcessor>(), threads, conditions, options.Spill);
                        return _ => props;
                    },
                    new SpillMessageExtractor(options.ShardCount),
                    new ShardOptions { Role = WorkerRole, RememberEntities = false, StateStoreMode = StateStoreMode.DData, HandOffStopMessage = StopForHandOff.Instance });
        else
            // No work here: messages for the spill shards go through a proxy to the workers.
            builder.WithShardRegionProxy<SpillRegion>("spill", WorkerRole, new SpillMessageExtractor(options.ShardCount));

        // Alone, the proxy only loses the singleton when the node stops: not worth a warning then.
        var singleton = new ClusterSingletonOptions { Role = CoordinatorRole, LogSingletonIdentificationFailure = !joinSelf };
        builder.WithHealthCheck(CampaignServiceCheck.Name, new CampaignServiceCheck(), tags: [HealthEndpoint.ReadinessTag]);
        if (options.Roles.Contains(CoordinatorRole))
            builder.WithSingleton<CampaignManager>(ManagerName,
                (_, registry, resolver) => CampaignManager.Supervised(registry.Get<SpillRegion>(), options.Coordinator, Services(options, resolver)),
                singleton, createProxyToo: true);
        else
            builder.WithSingletonProxy<CampaignManager>(ManagerName, singleton);
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

    /// <summary>What the campaign manager uses of this node.</summary>
    private static CampaignServices Services(PipelineOptions options, Akka.DependencyInjection.IDependencyResolver resolver)
    {
        var provider = resolver.GetService<IServiceProvider>();
        return new CampaignServices(
            resolver.GetService<ISpillCatalog>(),
            resolver.GetService<DetectorConditions>(),
            provider.GetService<ResultsStore>() ?? new ResultsStore(options.Journal),
            options.Patience) { DataRoots = options.DataRoots ?? Inputs.DataRoots.Unrestricted, Limits = options.Limits };
    }

    /// <summary>
    /// How long a member that is not the first seed tries to join before it gives up and its actor system stops
    /// (the process then exits and Kubernetes restarts it, resolving its contacts again).
    /// </summary>
    public static readonly TimeSpan DefaultJoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Remoting and clustering of any na64 node (seeds too): system-wide settings, the keep-majority split-brain
    /// resolver (docs/operations.md says why), CoordinatedShutdown that leaves the cluster on SIGTERM, the guarded
    /// serializers (<see cref="Na64Serialization"/>), and with <paramref name="tls"/> remoting over mutual TLS.
    /// </summary>
    /// <param name="seeds">Where to join: the seeds, then the contacts (<see cref="ClusterContacts.JoinList"/>).</param>
    /// <param name="joinTimeout">A member that joined nobody in this time stops (default <see cref="DefaultJoinTimeout"/>).</param>
    public static AkkaConfigurationBuilder WithNa64Cluster(this AkkaConfigurationBuilder builder, string hostname, string? publicHostname, int port,
        IReadOnlyList<string> roles, IReadOnlyList<string> seeds, TimeSpan stableAfter, ClusterTls? tls = null, TimeSpan? joinTimeout = null)
    {
        var stable = ((long)stableAfter.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var join = ((long)(joinTimeout ?? DefaultJoinTimeout).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        tls?.Apply(builder);
        return builder
            .WithNa64HealthChecks()
            .AddHocon($$"""
                # Akka's timer wheel wakes a pool thread every tick: at the default 10 ms an idle node spent 1.7% of a
                # core on it, at 50 ms 0.9% (docs/performance-log.md). Nothing here needs finer timers: the
                # shortest are 200 ms gossip ticks of a lone node and the 1 s heartbeats.
                akka.scheduler.tick-duration = 50ms
                akka.cluster {
                  # A member that cannot join exits rather than waiting for ever: Kubernetes restarts it and it resolves
                  # its contacts again. (The first seed never waits: it forms the cluster when nobody acknowledges.)
                  shutdown-after-unsuccessful-join-seed-nodes = {{join}}ms
                  downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                  split-brain-resolver {
                    active-strategy = keep-majority
                    stable-after = {{stable}}ms
                  }
                }
                akka.coordinated-shutdown {
                  run-by-clr-shutdown-hook = on
                  run-by-actor-system-terminate = on
                  # The host (SIGTERM through the .NET console lifetime) decides the exit code; exiting from inside
                  # CoordinatedShutdown would race the host's own stop.
                  exit-clr = off
                }
                """, HoconAddMode.Prepend)
            // Wire format of every INa64Message (persisted events excepted: they stay JSON), and every serializer id this
            // node answers to behind the type allow-list; seeds too, for one config.
            .AddHocon(Na64Serialization.Hocon, HoconAddMode.Prepend)
            .WithRemoting(new RemoteOptions { HostName = hostname, Port = port, PublicHostName = publicHostname ?? hostname })
            .WithClustering(new ClusterOptions { Roles = roles.ToArray(), SeedNodes = seeds.Select(s => ClusterTls.SeedAddress(s, tls is not null)).ToArray() })
            // Counting refusals from the start: envelopes naming no serializer are seen on the event stream only.
            .AddStartup((system, _) => WireRefusals.Get(system));
    }

    /// <summary>
    /// The health checks of any na64 node, seeds too, behind <see cref="HealthEndpoint"/>: Akka.Hosting's actor-system
    /// liveness check (tagged for both probes: a terminated system is not ready either) and <see cref="ClusterMemberUpCheck"/>;
    /// the pipeline adds <see cref="CampaignServiceCheck"/>. The host registers the <c>HealthCheckService</c> that runs them
    /// (<c>AddHealthChecks</c>): Akka.Hosting only adds its registrations to it.
    /// </summary>
    public static AkkaConfigurationBuilder WithNa64HealthChecks(this AkkaConfigurationBuilder builder) =>
        builder
            .WithActorSystemLivenessCheck(tags: [HealthEndpoint.LivenessTag, HealthEndpoint.ReadinessTag])
            .WithHealthCheck(ClusterMemberUpCheck.Name, new ClusterMemberUpCheck(), tags: [HealthEndpoint.ReadinessTag]);

    /// <summary>
    /// A host running the pipeline on an embedded single node: SQLite prepared (WAL), Akka logs routed
    /// to a console logger on stderr (Akka.Hosting sends them to Microsoft.Extensions.Logging, and
    /// without a provider errors would vanish).
    /// </summary>
    /// <param name="additions">What the program adds (e.g. its command host).</param>
    public static IHost BuildEmbeddedHost(PipelineOptions options, Action<IServiceCollection> registerProcessing,
        Microsoft.Extensions.Logging.LogLevel minimumLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        HostAdditions? additions = null) =>
        BuildHost(options, registerProcessing, minimumLevel, joinSelf: true, additions);

    /// <summary>A host running a cluster member that joins <see cref="PipelineOptions.Seeds"/> with <see cref="PipelineOptions.Roles"/>.</summary>
    public static IHost BuildClusterHost(PipelineOptions options, Action<IServiceCollection> registerProcessing,
        Microsoft.Extensions.Logging.LogLevel minimumLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        HostAdditions? additions = null) =>
        BuildHost(options, registerProcessing, minimumLevel, joinSelf: false, additions);

    /// <summary>Logs of Akka to a console logger on stderr (Akka.Hosting sends them to Microsoft.Extensions.Logging).</summary>
    public static void ConfigureLogging(HostApplicationBuilder builder, Microsoft.Extensions.Logging.LogLevel minimumLevel)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace);
    }

    /// <remarks>
    /// Akka.Remote logs a warning for every payload it could not deserialize; those this node refused on purpose are
    /// logged by <see cref="WireRefusals"/> instead, once per sender (<see cref="WireRefusalLogFilter"/>).
    /// <see cref="RemotingEventRecorder"/> is among the loggers to see remoting from its start (it logs nothing).
    /// </remarks>
    public static void ConfigureAkkaLogging(AkkaConfigurationBuilder akka, Microsoft.Extensions.Logging.LogLevel minimumLevel) =>
        akka.ConfigureLoggers(l =>
        {
            l.LogLevel = ToAkka(minimumLevel);
            l.ClearLoggers();
            l.AddLogger<FilteredLoggerFactoryLogger>();
            l.AddLogger<RemotingEventRecorder>();
            l.WithLogFilter(f => f.Add(WireRefusalLogFilter.Instance));
        });

    private static IHost BuildHost(PipelineOptions options, Action<IServiceCollection> registerProcessing,
        Microsoft.Extensions.Logging.LogLevel minimumLevel, bool joinSelf, HostAdditions? additions)
    {
        options.Journal.Prepare();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder, minimumLevel);
        registerProcessing(builder.Services);
        // A node that names no conditions of its own has the embedded default (the conditions of a spec that names none).
        builder.Services.TryAddSingleton(DetectorConditions.Default);
        // The campaign database's results table: the manager stores into it, the command host reads it.
        builder.Services.AddSingleton(new ResultsStore(options.Journal));
        builder.Services.AddHealthChecks();
        additions?.Host(builder);
        builder.Services.AddAkka(options.ActorSystemName, (akka, _) =>
        {
            ConfigureAkkaLogging(akka, minimumLevel);
            akka.WithNa64Pipeline(options, joinSelf);
            additions?.Akka(akka);
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
