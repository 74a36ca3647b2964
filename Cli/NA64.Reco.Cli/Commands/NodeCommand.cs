using System.CommandLine;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Tls;
using NA64.Reco.Cli.Campaigns;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.CommandHost;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 node --role all|worker|coordinator</c>: a cluster member (contract in docs/operations.md). Options default
/// from the member variables of <see cref="ClusterMemberOptions"/> (as the seed's do) and from NA64_DB and NA64_CONDITIONS;
/// its command host listens on 9110 unless <c>--cmd-port -1</c>. With
/// <c>--campaign SPEC</c> the node submits the spec once it is Up, follows it, and exits 0 when it is done (its results
/// stored in the campaign database, and written into <c>--out</c> when given), 1 when it failed or was cancelled.
/// </summary>
public static class NodeCommand
{
    /// <summary>
    /// Spills in flight per worker node that is Up: enough that a worker's cores stay busy while its finished spills are
    /// journaled and replaced, while queued chunks cost only their descriptor
    /// (<see cref="NA64.Reco.Actors.Reconstruction.ChunkThreads"/>). Two one-core nodes were 92–97% busy with 8, 89–92%
    /// with 4 (docs/performance-log.md).
    /// </summary>
    public const int DefaultMaxSpillsPerWorker = 8;

    public static Command Create()
    {
        var role = new Option<string>("--role") { Description = "all, worker or coordinator", DefaultValueFactory = _ => "all" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seed addresses (default CLUSTER_SEEDS)" };
        var contacts = new Option<string?>("--contacts")
        {
            Description = "Comma-separated HOST:PORT of other members to ask before joining, each name resolved to all its addresses (default CLUSTER_CONTACTS)",
        };
        var joinTimeout = new Option<double?>("--join-timeout")
        {
            Description = "Seconds to try joining before the node gives up and exits 6 (default NA64_JOIN_TIMEOUT_S, else 60)",
        };
        var hostname = new Option<string?>("--hostname") { Description = "Address to bind and advertise (default CLUSTER_IP, else 127.0.0.1)" };
        var publicHost = new Option<string?>("--public-hostname") { Description = "Address to advertise (default CLUSTER_HOSTNAME, else --hostname)" };
        var port = new Option<int?>("--port") { Description = "Akka remoting port (default CLUSTER_PORT, else 4053)" };
        var db = new Option<string?>("--db") { Description = "Journal: postgres://user:password@host:port/database or a SQLite file path (default NA64_DB, else na64.db)" };
        var conditions = new Option<string?>("--conditions") { Description = "Conditions file (default NA64_CONDITIONS, else the built-in default)" };
        var health = new Option<int?>("--health-port") { Description = "Health HTTP port (default 8558; 0: any free port; -1: off)" };
        var campaign = new Option<string?>("--campaign") { Description = "Submit this spec once Up; exit when it is done (0) or failed (1)" };
        var outDir = new Option<string?>("--out") { Description = "With --campaign: also write its results into this folder (they are stored in the campaign database)" };
        var maxSpills = new Option<int>("--max-spills")
        {
            Description = "Spills in flight per campaign and per worker node that is Up (on the node hosting the campaign manager)",
            DefaultValueFactory = _ => DefaultMaxSpillsPerWorker,
        };
        var maxChunks = new Option<int>("--max-chunks") { Description = "Chunks in flight per spill", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var spillTimeout = new Option<double>("--spill-timeout")
        {
            Description = "Seconds an unanswered spill waits at most before it is sent again (a chunk: half of it)",
            DefaultValueFactory = _ => 600,
        };
        var spillOverdue = new Option<double>("--spill-overdue")
        {
            Description = "Seconds an unanswered spill waits at least before it is sent again; it waits 4 times the slowest answer so far when that is longer",
            DefaultValueFactory = _ => 30,
        };
        var patience = new Option<double>("--journal-patience")
        {
            Description = "Seconds of journal failures in a row ridden out before the campaign service gives up and the node exits (4)",
            DefaultValueFactory = _ => JournalPatienceOption.DefaultSeconds,
        };
        var tlsCertificate = new Option<string?>("--tls-certificate")
        {
            Description = "Cluster certificate (PKCS#12 with its key): remoting over mutual TLS, every member presenting it (default NA64_TLS_CERTIFICATE)",
        };
        var tlsPasswordFile = new Option<string?>("--tls-password-file")
        {
            Description = "File holding the certificate's password (default NA64_TLS_PASSWORD_FILE, else the password in NA64_TLS_PASSWORD)",
        };
        var cmd = new CmdHostCliOptions();
        var admission = new AdmissionCliOptions("none: a node takes no raw inputs until it is given a data root");
        var command = new Command("node", "Run a cluster node: worker (spill shards, reconstruction), coordinator (campaign manager singleton) or all");
        foreach (var o in new Option[] { role, seeds, contacts, joinTimeout, hostname, publicHost, port, db, conditions, health, campaign, outDir, maxSpills, maxChunks, spillTimeout, spillOverdue, patience, tlsCertificate, tlsPasswordFile })
            command.Options.Add(o);
        cmd.AddTo(command);
        admission.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            ClusterMemberOptions member;
            try
            {
                // The environment of the cluster contract, each variable overridden by its option.
                member = ClusterMemberOptions.Load([
                    KeyValuePair.Create("CLUSTER_SEEDS", parse.GetValue(seeds)),
                    KeyValuePair.Create("CLUSTER_IP", parse.GetValue(hostname)),
                    KeyValuePair.Create("CLUSTER_HOSTNAME", parse.GetValue(publicHost)),
                    KeyValuePair.Create("CLUSTER_PORT", Invariant(parse.GetValue(port))),
                    KeyValuePair.Create("CLUSTER_CONTACTS", parse.GetValue(contacts)),
                    KeyValuePair.Create("NA64_JOIN_TIMEOUT_S", Invariant(parse.GetValue(joinTimeout))),
                    KeyValuePair.Create("NA64_TLS_CERTIFICATE", parse.GetValue(tlsCertificate)),
                    KeyValuePair.Create("NA64_TLS_PASSWORD_FILE", parse.GetValue(tlsPasswordFile)),
                    KeyValuePair.Create("NA64_CMD_BIND", cmd.Bind(parse)),
                    KeyValuePair.Create("NA64_CMD_TOKEN_FILE", cmd.TokenFile(parse)),
                ]);
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine("na64 node: " + ex.Message);
                return Task.FromResult(2);
            }
            return RunAsync(new Settings(
                parse.GetValue(role)!, member, parse.GetValue(db) ?? Env("NA64_DB") ?? "na64.db", parse.GetValue(conditions) ?? Env("NA64_CONDITIONS"),
                parse.GetValue(health) ?? HealthEndpoint.DefaultPort, parse.GetValue(campaign), parse.GetValue(outDir),
                parse.GetValue(maxSpills), parse.GetValue(maxChunks), TimeSpan.FromSeconds(parse.GetValue(spillTimeout)), TimeSpan.FromSeconds(parse.GetValue(spillOverdue)), parse.GetValue(patience),
                cmd.From(parse, member.CommandHostBind, member.CommandHostTokenFile)),
                () => (admission.Roots(parse, []), admission.Limits(parse)), ct);
        });
        return command;
    }

    /// <param name="Member">Address, seeds, contacts, join timeout, split-brain resolver and TLS.</param>
    private sealed record Settings(string Role, ClusterMemberOptions Member, string Db, string? Conditions,
        int HealthPort, string? Campaign, string? Out, int MaxSpills, int MaxChunks, TimeSpan SpillTimeout, TimeSpan SpillOverdue, double PatienceSeconds, CommandHostOptions? CommandHost);

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static string? Invariant<T>(T? value) where T : struct, IFormattable => value?.ToString(null, CultureInfo.InvariantCulture);

    private static async Task<int> RunAsync(Settings s, Func<(DataRoots Roots, CampaignLimits Limits)> admission, CancellationToken ct)
    {
        string[] roles = s.Role switch
        {
            "all" => [PipelineHosting.WorkerRole, PipelineHosting.CoordinatorRole],
            "worker" => [PipelineHosting.WorkerRole],
            "coordinator" => [PipelineHosting.CoordinatorRole],
            _ => [],
        };
        if (s.SpillTimeout <= TimeSpan.Zero || s.SpillOverdue <= TimeSpan.Zero || s.MaxSpills < 1 || s.MaxChunks < 1 || !(s.Member.JoinTimeoutSeconds > 0))
        {
            await Console.Error.WriteLineAsync("na64 node: --spill-timeout, --spill-overdue, --join-timeout, --max-spills and --max-chunks must be positive");
            return 2;
        }
        if (JournalPatienceOption.Error(s.PatienceSeconds) is { } patienceError)
        {
            await Console.Error.WriteLineAsync("na64 node: " + patienceError);
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
        var seeds = s.Member.SeedList;
        if (seeds.Count == 0)
        {
            await Console.Error.WriteLineAsync("na64 node: no seeds (--seeds or CLUSTER_SEEDS)");
            return 2;
        }
        IReadOnlyList<string> joinList;
        try
        {
            joinList = ClusterContacts.JoinList(seeds, ClusterContacts.ParseList(s.Member.Contacts),
                unresolved => Console.Error.WriteLine("na64 node: " + unresolved + "; not asked"));
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("na64 node: --contacts/--seeds: " + ex.Message);
            return 2;
        }
        DetectorConditions conditions;
        SpecSubmission? submission = null;
        ClusterTls? tls;
        DataRoots roots;
        CampaignLimits limits;
        try
        {
            tls = ClusterTls.From(s.Member.TlsCertificate, s.Member.TlsPasswordFile);
            (roots, limits) = admission();
            conditions = s.Conditions is null ? DetectorConditions.Default : DetectorConditions.Load(Path.GetFullPath(s.Conditions));
            // Off loopback without a readable token: refuse to start (a misconfigured pod fails visibly).
            s.CommandHost?.LoadToken();
            // Fail here, not in the manager, on a broken spec or conditions file.
            if (s.Campaign is not null) submission = SpecSubmission.Load(s.Campaign);
        }
        catch (Exception ex) when (ex is CampaignSpecException or ConditionsException or IOException or InvalidOperationException or ArgumentException
                                       or ClusterTlsException)
        {
            await Console.Error.WriteLineAsync("na64 node: " + ex.Message);
            return 2;
        }
        // Nodes that may host the campaign manager share the journal; a na64 run holding it excludes them.
        JournalLock? journalLock = null;
        if (roles.Contains(PipelineHosting.CoordinatorRole))
        {
            try
            {
                journal.Prepare();
                journalLock = JournalLock.Acquire(journal, exclusive: false);
            }
            catch (JournalInUseException ex)
            {
                await Console.Error.WriteLineAsync("na64 node: " + ex.Message);
                return 3;
            }
            catch (Exception ex) when (ex is JournalUnusableException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync("na64 node: " + ex.Message);
                return 2;
            }
            catch (Npgsql.NpgsqlException ex)
            {
                // The database is not up yet (a cluster starting): the journal supervisors ride that out; the lock is not taken.
                await Console.Error.WriteLineAsync($"na64 node: journal {journal.Display} not reachable now ({ex.Message}); starting without its lock");
            }
        }
        using var heldLock = journalLock;

        var options = new PipelineOptions
        {
            DatabasePath = journal.SqlitePath ?? s.Db,
            Hostname = s.Member.Hostname,
            PublicHostname = s.Member.PublicHostname,
            Port = s.Member.Port,
            Tls = tls,
            Roles = roles,
            Seeds = joinList,
            JoinTimeout = s.Member.JoinTimeout,
            MaxSpillsInFlight = s.MaxSpills,
            MaxChunksInFlightPerSpill = s.MaxChunks,
            SpillTimeout = s.SpillTimeout,
            SpillOverdue = s.SpillOverdue,
            Patience = JournalPatienceOption.From(s.PatienceSeconds),
            SplitBrainStableAfter = s.Member.SplitBrainStableAfter,
            DataRoots = roots,
            Limits = limits,
        };
        using var host = PipelineHosting.BuildClusterHost(options, services => PhysicsBindings.Register(services, conditions), additions: CommandHostHosting.ForPipeline(s.CommandHost));
        await host.StartAsync(ct);
        await CommandHostHosting.ReportStartedAsync(host, "na64 node");
        var system = host.Services.GetRequiredService<ActorSystem>();
        var managerRef = await host.Services.GetRequiredService<IActorRegistry>().GetAsync<CampaignManager>(ct);
        await using var healthEndpoint = s.HealthPort >= 0 ? HealthEndpoint.Start(host.Services, s.Member.Hostname, s.HealthPort) : null;
        var cluster = Akka.Cluster.Cluster.Get(system);
        Console.WriteLine($"node {cluster.SelfAddress} roles {string.Join(',', roles)}; journal {journal.Display}" +
            (healthEndpoint is null ? "" : $"; health on port {healthEndpoint.Port}"));
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        try
        {
            await Task.WhenAny(up.Task, system.WhenTerminated).WaitAsync(ct);
            if (!up.Task.IsCompleted)
            {
                // Nobody let this node in within --join-timeout: exit, so that Kubernetes restarts it with fresh contacts.
                if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterJoinUnsuccessfulReason)
                {
                    await Console.Error.WriteLineAsync("na64 node: " + ClusterContacts.NobodyJoined(joinList, s.Member.JoinTimeout));
                    return ExitCodes.NotJoined;
                }
                return await EndedAsync(system);
            }
            Console.WriteLine("member up");
            if (submission is null)
            {
                // Until SIGTERM (System.CommandLine cancels ct) or until the cluster downs this node.
                await Task.WhenAny(Task.Delay(Timeout.Infinite, ct), system.WhenTerminated);
                // SIGTERM may reach CoordinatedShutdown first (host lifetime, CLR exit hook): only a downed node failed.
                return await EndedAsync(system);
            }
            var lastFinished = -1;
            var unit = SampleExposure.Unit(submission.Spec.Samples.Select(x => x.Descriptor));
            var outcome = await CampaignClient.RunAsync(system, managerRef, submission.Submit, entry =>
            {
                var p = entry.Progress;
                if (p.Finished == lastFinished) return;
                lastFinished = p.Finished;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{p.CampaignId}: spills {p.Finished}/{p.TotalSpills} (quarantined {p.QuarantinedSpills}, resumed {p.ResumedSpills}, in flight {p.SpillsInFlight}) | {unit} {p.Eot} | {entry.State}"));
            }, ct: ct);
            Console.WriteLine($"campaign {outcome.CampaignId} accepted (spec {outcome.Accepted.SpecHash[..12]}{(outcome.Accepted.Resumed ? ", resumed" : "")}); {outcome.Last.State}");
            if (outcome.Accepted.Note is { } note) Console.WriteLine("note: " + note);
            return await CampaignEnd.ReportAsync("na64 node", outcome, new ResultsStore(journal), s.Out is null ? null : Path.GetFullPath(s.Out));
        }
        catch (CampaignRejectedException ex)
        {
            await Console.Error.WriteLineAsync("na64 node: campaign refused: " + ex.Message);
            return 3;
        }
        catch (CampaignInterruptedException)
        {
            return await EndedAsync(system);
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
    /// The node's actor system ended without SIGTERM: downed by the cluster (1), or its campaign service could not use
    /// the journal (4); 0 otherwise (SIGTERM may reach CoordinatedShutdown first, through the host or the CLR exit hook).
    /// </summary>
    private static async Task<int> EndedAsync(ActorSystem system)
    {
        if (CampaignEnd.JournalUnusable(system) is { } why)
        {
            await Console.Error.WriteLineAsync("na64 node: campaign service stopped: " + why);
            return ExitCodes.JournalUnusable;
        }
        if (CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason)
        {
            await Console.Error.WriteLineAsync("na64 node: downed by the cluster (split-brain resolver or an operator)");
            return ExitCodes.Failed;
        }
        return ExitCodes.Ok;
    }
}
