using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Physics.RawData;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>An embedded single-node pipeline (the node's own wiring) with test processing bound.</summary>
internal sealed class PipelineNode : IAsyncDisposable
{
    private readonly IHost _host;

    private PipelineNode(IHost host, PipelineOptions options)
    {
        _host = host;
        Options = options;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<IActorRegistry>();
    }

    public PipelineOptions Options { get; }
    public ActorSystem System { get; }
    public IActorRegistry Registry { get; }

    /// <param name="db">A SQLite file or a postgres:// URL.</param>
    /// <remarks>One reconstruction thread per chunk in flight: test processors hold chunks on purpose, and a held chunk keeps its thread.</remarks>
    public static Task<PipelineNode> StartAsync(string db, IChunkProcessor processor, int maxSpills = 2, int maxChunks = 2, ISpillCatalog? catalog = null) =>
        StartAsync(new PipelineOptions { DatabasePath = db, MaxSpillsInFlight = maxSpills, MaxChunksInFlightPerSpill = maxChunks, ChunkThreads = maxSpills * maxChunks },
            processor, catalog);

    /// <param name="additions">Added to the node's host, after the pipeline (e.g. HOCON that takes precedence).</param>
    public static async Task<PipelineNode> StartAsync(PipelineOptions options, IChunkProcessor processor, ISpillCatalog? catalog = null, HostAdditions? additions = null)
    {
        var host = PipelineHosting.BuildEmbeddedHost(options, services =>
        {
            services.AddSingleton(processor);
            services.AddSingleton(catalog ?? new TestCatalog());
        }, additions: additions);
        await host.StartAsync();
        return new PipelineNode(host, options);
    }

    /// <summary>Runs the plan's spec through the campaign manager, as na64 run does; a campaign that ends failed or cancelled throws <see cref="CampaignEndedException"/>.</summary>
    public Task<CampaignFinished> RunAsync(CampaignPlan plan, Action<CampaignProgress>? onProgress = null, TimeSpan? timeout = null) =>
        RunAsync(plan.Spec, Directory.GetCurrentDirectory(), onProgress, timeout);

    /// <summary>A spec whose relative raw paths resolve against <paramref name="baseDirectory"/>.</summary>
    public async Task<CampaignFinished> RunAsync(CampaignSpec spec, string baseDirectory, Action<CampaignProgress>? onProgress = null, TimeSpan? timeout = null)
    {
        var outcome = await RunToEndAsync(spec, baseDirectory, onProgress, timeout);
        return outcome.Result ?? throw new CampaignEndedException(outcome.Last);
    }

    public async Task<CampaignOutcome> RunToEndAsync(CampaignSpec spec, string baseDirectory, Action<CampaignProgress>? onProgress = null, TimeSpan? timeout = null)
    {
        var manager = await Registry.GetAsync<CampaignManager>();
        return await CampaignClient.RunAsync(System, manager, new SubmitCampaign(spec.ToJson(), baseDirectory), e => onProgress?.Invoke(e.Progress), PollInterval)
            .WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Tests look at progress closely (a spill at a time): ask often.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary>A small MC campaign: beam and one signal sample.</summary>
    public static CampaignPlan McPlan(string id = "test", int beamSpills = 6, int signalSpills = 3, int eventsPerSpill = 1000, int chunkSize = 400, int snapshotEvery = 4) =>
        CampaignPlan.Expand(new CampaignSpec
        {
            Id = id,
            ChunkSize = chunkSize,
            SnapshotEvery = snapshotEvery,
            Samples =
            [
                new SampleSpec(SampleKind.Beam, 0, 0, beamSpills, eventsPerSpill, 11, 1),
                new SampleSpec(SampleKind.Signal, 16.7, 1e-4, signalSpills, eventsPerSpill, 22, 1),
            ],
        }, Directory.GetCurrentDirectory());
}
