using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.CommandHost;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>
/// A live in-process node: the embedded pipeline (single-node cluster joined to itself, shard regions, SQLite journal)
/// with its command host on a free loopback port. Shared by the tests of a class.
/// </summary>
public class LiveNode : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "na64-cmd-" + Guid.NewGuid().ToString("N"));
    private IHost? _host;

    /// <summary>The host's token: commands that change state need it, read-only ones run without it (loopback).</summary>
    protected virtual string Token => "live-node-token";

    /// <summary>What the node logs (Akka's own log level follows it): warnings and errors, as a node runs by default.</summary>
    protected virtual Microsoft.Extensions.Logging.LogLevel MinimumLevel => Microsoft.Extensions.Logging.LogLevel.Warning;

    /// <summary>The token, for clients that authenticate.</summary>
    public string NodeToken => Token;

    /// <summary>The host's token file (what <c>--token-file</c> of a client names).</summary>
    public string TokenFile => Path.Combine(_folder, "cmd-token");

    public ActorSystem System { get; private set; } = null!;
    public IActorRegistry Registry { get; private set; } = null!;
    public IServiceProvider Services => _host!.Services;
    public CommandHost CommandHost { get; private set; } = null!;
    public int Port => CommandHost.Port;
    public string Folder => _folder;
    /// <summary>Chunks wait here while it is reset: an entity stays alive for as long as a test looks at it.</summary>
    public ManualResetEventSlim ChunkGate { get; } = new(true);

    /// <summary>The node's one data root: raw inputs of its campaigns must lie under it.</summary>
    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Shards of the node's spill region.</summary>
    public int ShardCount => 8;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(TokenFile, Token + "\n");
        Directory.CreateDirectory(DataFolder);
        var options = new PipelineOptions { DatabasePath = Path.Combine(_folder, "journal.db"), ShardCount = ShardCount, DataRoots = DataRoots.Of([DataFolder]) };
        var cmd = new CommandHostOptions { Port = 0, TokenFile = TokenFile, AskTimeout = TimeSpan.FromSeconds(10) };
        _host = PipelineHosting.BuildEmbeddedHost(options, services =>
        {
            services.AddSingleton<IChunkProcessor>(new GatedProcessor(ChunkGate));
            services.AddSingleton<ISpillCatalog>(new NoCatalog());
        }, MinimumLevel, CommandHostHosting.ForPipeline(cmd));
        await _host.StartAsync();
        System = _host.Services.GetRequiredService<ActorSystem>();
        Registry = _host.Services.GetRequiredService<IActorRegistry>();
        CommandHost = await _host.Services.GetRequiredService<CommandHostHandle>().Started.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitUntilUp();
    }

    public Task<CommandClient> ConnectAsync(string? token = null) => CommandClient.ConnectAsync("127.0.0.1", Port, token);

    /// <summary>One request on a fresh, authenticated connection.</summary>
    public async Task<CommandResponse> SendAsync(string request)
    {
        await using var client = await ConnectAsync(Token);
        // A hung command must fail its test, not hold the whole run (the host's own deadline is 30 s).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await client.SendAsync(request, deadline.Token);
    }

    private async Task WaitUntilUp()
    {
        var cluster = Akka.Cluster.Cluster.Get(System);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // The palettes read Cluster.State, a view that its own subscriber updates after the member-up callback has run.
        await Poll.Until(() => cluster.State.Members.Any(m => m.Address.Equals(cluster.SelfAddress) && m.Status == Akka.Cluster.MemberStatus.Up),
            "this node Up in Cluster.State");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The real physics, held at the gate while a test looks at work in flight.</summary>
    private sealed class GatedProcessor(ManualResetEventSlim gate) : IChunkProcessor
    {
        private readonly IChunkProcessor _physics = PhysicsBindings.Default();

        public EventSummary Process(ChunkWork work, NA64.Reco.Physics.Setups.Setup setup, CancellationToken ct)
        {
            gate.Wait(ct);
            return _physics.Process(work, setup, ct);
        }
    }

    private sealed class NoCatalog : ISpillCatalog
    {
        public SpillFacts Describe(string path) => throw new CorruptSpillException(path, 0, "no raw files in these tests");

        public string? HeaderDigest(string path) => throw new CorruptSpillException(path, 0, "no raw files in these tests");
    }
}
