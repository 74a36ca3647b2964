using System.CommandLine;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Inspection;
using NA64.Reco.Physics.Detector;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// <c>na64 node --role all|worker|coordinator</c>: a cluster member (contract in docs/operations.md). Options default
/// from CLUSTER_IP, CLUSTER_HOSTNAME, CLUSTER_PORT, CLUSTER_SEEDS, NA64_DB, NA64_CONDITIONS, NA64_CMD_BIND and
/// NA64_CMD_TOKEN_FILE; its command host listens on 9110 unless <c>--cmd-port -1</c>. With
/// <c>--campaign SPEC</c> the node submits the spec once it is Up and exits 0 when the campaign's results are written.
/// </summary>
public static class NodeCommand
{
    /// <summary>
    /// Spills in flight per worker node that is Up. Spills (and, with them, their chunks) go to the nodes by shard hash,
    /// not by load: with n in flight per node a node holds none about 1/(n+1) of the time (the stationary law of a
    /// closed network of equal stations), while queued chunks cost only their descriptor
    /// (<see cref="NA64.Reco.Actors.Processing.ChunkThreads"/>).
    /// Two one-core nodes were 92–97% busy with 8, 89–92% with 4 (docs/performance.md, attempt 14).
    /// </summary>
    public const int DefaultMaxSpillsPerWorker = 8;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "all, worker or coordinator", DefaultValueFactory = _ => "all" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seed addresses (default CLUSTER_SEEDS)" };
        var hostname = new Option<string?>("--hostname") { Description = "Address to bind and advertise (default CLUSTER_IP, else 127.0.0.1)" };
        var publicHost = new Option<string?>("--public-hostname") { Description = "Address to advertise (default CLUSTER_HOSTNAME, else --hostname)" };
        var port = new Option<int?>("--port") { Description = "Akka remoting port (default CLUSTER_PORT, else 4053)" };
        var db = new Option<string?>("--db") { Description = "Journal: postgres://user:password@host:port/database or a SQLite file path (default NA64_DB, else na64.db)" };
        var conditions = new Option<string?>("--conditions") { Description = "Conditions file (default NA64_CONDITIONS, else the built-in default)" };
        var health = new Option<int?>("--health-port") { Description = "Health HTTP port (default 8558; 0: any free port; -1: off)" };
        var campaign = new Option<string?>("--campaign") { Description = "Submit this spec once Up; exit when its results are written" };
        var outDir = new Option<string?>("--out") { Description = "Results folder of --campaign (default results/<campaign id>)" };
        var maxSpills = new Option<int>("--max-spills")
        {
            Description = "Spills in flight per campaign and per worker node that is Up (on the node hosting the campaign manager)",
            DefaultValueFactory = _ => DefaultMaxSpillsPerWorker,
        };
        var maxChunks = new Option<int>("--max-chunks") { Description = "Chunks in flight per spill", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var spillTimeout = new Option<double>("--spill-timeout")
        {
            Description = "Seconds before an unanswered spill is sent again (a chunk: half of it); a spill on a dead node waits this long",
            DefaultValueFactory = _ => 600,
        };
        var cmd = new CmdHostCliOptions();
        var command = new Command("node", "Run a cluster node: worker (spill and chunk shards), coordinator (campaign manager singleton) or all");
        foreach (var o in new Option[] { role, seeds, hostname, publicHost, port, db, conditions, health, campaign, outDir, maxSpills, maxChunks, spillTimeout }) command.Options.Add(o);
        cmd.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(new Settings(
            parse.GetValue(role)!, parse.GetValue(seeds) ?? Env("CLUSTER_SEEDS"), parse.GetValue(hostname) ?? Env("CLUSTER_IP") ?? "127.0.0.1",
            parse.GetValue(publicHost) ?? Env("CLUSTER_HOSTNAME"), parse.GetValue(port) ?? EnvInt("CLUSTER_PORT") ?? 4053,
            parse.GetValue(db) ?? Env("NA64_DB") ?? "na64.db", parse.GetValue(conditions) ?? Env("NA64_CONDITIONS"),
            parse.GetValue(health) ?? HealthEndpoint.DefaultPort, parse.GetValue(campaign), parse.GetValue(outDir),
            parse.GetValue(maxSpills), parse.GetValue(maxChunks), TimeSpan.FromSeconds(parse.GetValue(spillTimeout)), cmd.From(parse)), ct));
        return command;
    }

    private sealed record Settings(string Role, string? Seeds, string Hostname, string? PublicHostname, int Port, string Db, string? Conditions,
        int HealthPort, string? Campaign, string? Out, int MaxSpills, int MaxChunks, TimeSpan SpillTimeout, CommandHostOptions? CommandHost);

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static int? EnvInt(string name) => Env(name) is { } v && int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : null;

    private static async Task<int> RunAsync(Settings s, CancellationToken ct)
    {
        string[] roles = s.Role switch
        {
            "all" => [PipelineHosting.WorkerRole, PipelineHosting.CoordinatorRole],
            "worker" => [PipelineHosting.WorkerRole],
            "coordinator" => [PipelineHosting.CoordinatorRole],
            _ => [],
        };
        if (s.SpillTimeout <= TimeSpan.Zero || s.MaxSpills < 1 || s.MaxChunks < 1)
        {
            await Console.Error.WriteLineAsync("na64 node: --spill-timeout, --max-spills and --max-chunks must be positive");
            return 2;
        }
        if (roles.Length == 0)
        {
            await Console.Error.WriteLineAsync($"na64 node: --role must be all, worker or coordinator, not '{s.Role}'");
            return 2;
        }
        JournalDatabase journal;
        try
        {
            journal = JournalDatabase.Parse(s.Db);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync("na64 node: --db: " + ex.Message);
            return 2;
        }
        var seeds = (s.Seeds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (seeds.Length == 0)
        {
            await Console.Error.WriteLineAsync("na64 node: no seeds (--seeds or CLUSTER_SEEDS)");
            return 2;
        }
        DetectorConditions conditions;
        string? specJson = null, baseDir = null;
        try
        {
            conditions = s.Conditions is null ? DetectorConditions.Default : DetectorConditions.Load(Path.GetFullPath(s.Conditions));
            // Off loopback without a readable token: refuse to start (a misconfigured pod fails visibly).
            s.CommandHost?.LoadToken();
            if (s.Campaign is not null)
            {
                specJson = await File.ReadAllTextAsync(s.Campaign, ct);
                CampaignSpec.Load(s.Campaign); // fail here, not in the manager, on a broken spec
                baseDir = Path.GetDirectoryName(Path.GetFullPath(s.Campaign))!;
            }
        }
        catch (Exception ex) when (ex is CampaignSpecException or ConditionsException or IOException or InvalidOperationException or ArgumentException)
        {
            await Console.Error.WriteLineAsync("na64 node: " + ex.Message);
            return 2;
        }

        var options = new PipelineOptions
        {
            DatabasePath = journal.SqlitePath ?? s.Db,
            Hostname = s.Hostname,
            PublicHostname = s.PublicHostname,
            Port = s.Port,
            Roles = roles,
            Seeds = seeds,
            MaxSpillsInFlight = s.MaxSpills,
            MaxChunksInFlightPerSpill = s.MaxChunks,
            SpillTimeout = s.SpillTimeout,
            ChunkTimeout = s.SpillTimeout / 2,
            SplitBrainStableAfter = EnvInt("NA64_SBR_STABLE_AFTER_MS") is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(15),
        };
        using var host = PipelineHosting.BuildClusterHost(options, services => ProcessingBindings.Register(services, conditions), commandHost: s.CommandHost);
        await host.StartAsync(ct);
        await CommandHostHosting.ReportStartedAsync(host, "na64 node");
        var system = host.Services.GetRequiredService<ActorSystem>();
        await using var healthEndpoint = s.HealthPort >= 0 ? HealthEndpoint.Start(system, s.Hostname, s.HealthPort) : null;
        var cluster = Akka.Cluster.Cluster.Get(system);
        Console.WriteLine($"node {cluster.SelfAddress} roles {string.Join(',', roles)}; journal {journal.Display}" +
            (healthEndpoint is null ? "" : $"; health on port {healthEndpoint.Port}"));
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await up.Task.WaitAsync(ct);
            Console.WriteLine("member up");
            if (specJson is null)
            {
                // Until SIGTERM (System.CommandLine cancels ct) or until the cluster downs this node.
                await Task.WhenAny(Task.Delay(Timeout.Infinite, ct), system.WhenTerminated);
                // SIGTERM may reach CoordinatedShutdown first (host lifetime, CLR exit hook): only a downed node failed.
                if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
                {
                    await Console.Error.WriteLineAsync("na64 node: downed by the cluster (split-brain resolver or an operator)");
                    return 1;
                }
                return 0;
            }
            var registry = host.Services.GetRequiredService<IActorRegistry>();
            var manager = await registry.GetAsync<CampaignManager>(ct);
            return await FollowCampaign(system, manager, new SubmitCampaign(specJson, baseDir!, s.Out is null ? null : Path.GetFullPath(s.Out)), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            Console.WriteLine("leaving the cluster");
            // CoordinatedShutdown: leave the cluster, hand the shards and the singleton over, then stop.
            await host.StopAsync(CancellationToken.None);
            Console.WriteLine("left the cluster");
        }
    }

    /// <summary>
    /// Submits (again, until the manager answers: the singleton may be starting or moving) and then asks for the
    /// campaign's state until it is done. Asking rather than subscribing survives the manager moving to another node.
    /// </summary>
    private static async Task<int> FollowCampaign(ActorSystem system, IActorRef manager, SubmitCampaign submit, CancellationToken ct)
    {
        var ask = TimeSpan.FromSeconds(5);
        string id;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var reply = await manager.Ask<object>(submit, ask, ct);
                if (reply is CampaignCommandFailed f)
                {
                    await Console.Error.WriteLineAsync("na64 node: campaign refused: " + f.Reason);
                    return 3;
                }
                var accepted = (CampaignAccepted)reply;
                id = accepted.CampaignId;
                Console.WriteLine($"campaign {id} accepted (spec {accepted.SpecHash[..12]}{(accepted.Resumed ? ", resumed" : "")})");
                break;
            }
            catch (AskTimeoutException)
            {
                Console.WriteLine("campaign manager not answering yet; submitting again");
            }
        }
        var lastFinished = -1;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await tick.WaitForNextTickAsync(ct))
        {
            if (system.WhenTerminated.IsCompleted) return 1;
            object reply;
            try
            {
                reply = await manager.Ask<object>(new GetCampaign(id), ask, ct);
            }
            catch (AskTimeoutException)
            {
                Console.WriteLine("campaign manager not answering (moving?)");
                continue;
            }
            if (reply is CampaignCommandFailed failed)
            {
                // A manager recovering from its journal can answer before it knows the campaign: submit again.
                Console.WriteLine("campaign manager: " + failed.Reason + "; submitting again");
                await manager.Ask<object>(submit, ask, ct);
                continue;
            }
            var entry = (CampaignListEntry)reply;
            var p = entry.Progress;
            if (p.Finished != lastFinished)
            {
                lastFinished = p.Finished;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id}: spills {p.Finished}/{p.TotalSpills} (quarantined {p.QuarantinedSpills}, resumed {p.ResumedSpills}, in flight {p.SpillsInFlight}) | EOT {p.Eot} | {entry.State}"));
            }
            switch (entry.State)
            {
                case CampaignManager.Done:
                    Console.WriteLine($"campaign {id} done; results written");
                    return 0;
                case CampaignManager.Failed or CampaignManager.Cancelled:
                    await Console.Error.WriteLineAsync($"na64 node: campaign {id} {entry.State}");
                    return 1;
            }
        }
        return 1;
    }
}
