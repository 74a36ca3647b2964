using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NA64.Reco.Cluster.Tests.Support;

/// <summary>
/// A cluster of child processes on 127.0.0.1 for one test: a temp folder, one shared journal (a SQLite file, or the
/// PostgreSQL URL given; only the campaign manager singleton writes it), free ports (command hosts included), short
/// failure timings, and every process killed on dispose.
/// </summary>
internal sealed partial class TestCluster : IDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly CancellationTokenSource _timeout;

    /// <param name="database">The nodes' <c>--db</c>; default: a SQLite file in the test's folder.</param>
    /// <param name="stableAfter">Keep-majority waits this long on a stable partition before downing the unreachable
    /// side (default 2 s: failure tests need not wait for it).</param>
    /// <param name="tls">Every process gets a cluster certificate made for this test (NA64_TLS_CERTIFICATE, NA64_TLS_PASSWORD):
    /// remoting over mutual TLS.</param>
    /// <param name="seedCount">Seeds of the cluster (CLUSTER_SEEDS of every member), each on its own port.</param>
    public TestCluster(TimeSpan timeout, string? database = null, TimeSpan? stableAfter = null, bool tls = false, int seedCount = 1)
    {
        Folder = Path.Combine(Path.GetTempPath(), "na64-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _timeout = new CancellationTokenSource(timeout);
        SeedPorts = Enumerable.Range(0, seedCount).Select(_ => FreePort()).ToArray();
        Seeds = string.Join(',', SeedPorts.Select(p => $"akka.tcp://na64@127.0.0.1:{p}"));
        Database = database ?? Path.Combine(Folder, "cluster.db");
        var environment = IsolatedEnvironment();
        // The processes of one test are one user: the nodes make their command host token there, na64 cmd reads it.
        environment["NA64_STATE_DIR"] = Path.Combine(Folder, "state");
        environment["NA64_SBR_STABLE_AFTER_MS"] = ((long)(stableAfter ?? TimeSpan.FromSeconds(2)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (tls)
        {
            environment["NA64_TLS_CERTIFICATE"] = TestCertificates.WritePfx(File("cluster.pfx"), "CN=na64-cluster", TlsPassword);
            environment["NA64_TLS_PASSWORD"] = TlsPassword;
        }
        Environment = environment;
    }

    /// <summary>The contract's variables emptied: those of the test machine must not leak into a child process.</summary>
    public static Dictionary<string, string> IsolatedEnvironment() => new()
    {
        ["CLUSTER_SEEDS"] = "",
        ["CLUSTER_IP"] = "",
        ["CLUSTER_HOSTNAME"] = "",
        ["CLUSTER_PORT"] = "",
        ["NA64_DB"] = "",
        ["NA64_CONDITIONS"] = "",
        ["NA64_CMD_BIND"] = "",
        ["NA64_CMD_TOKEN_FILE"] = "",
        ["NA64_TLS_CERTIFICATE"] = "",
        ["NA64_TLS_PASSWORD_FILE"] = "",
        ["NA64_TLS_PASSWORD"] = "",
        ["NA64_DATA_ROOTS"] = "",
        // Not the test machine's own state folder (its generated command host token).
        ["NA64_STATE_DIR"] = Path.Combine(Path.GetTempPath(), "na64-cluster-tests-state"),
    };

    /// <summary>The password of the cluster certificate of a TLS cluster.</summary>
    public const string TlsPassword = "cluster-test-password";

    public string Folder { get; }

    public int SeedPort => SeedPorts[0];

    public IReadOnlyList<int> SeedPorts { get; }

    public string Seeds { get; }

    public string Database { get; }

    /// <summary>Cancelled when the test's time is up: every wait takes it.</summary>
    public CancellationToken Token => _timeout.Token;

    public IReadOnlyDictionary<string, string> Environment { get; }

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>Seed <paramref name="index"/> (of <see cref="SeedPorts"/>) with <paramref name="extra"/> options, waited for until Up.</summary>
    public async Task<ChildProcess> StartSeed(int index = 0, params string[] extra)
    {
        var seed = Track(ChildProcess.Seed(index == 0 ? "seed" : $"seed-{index}", Environment,
            ["--hostname", "127.0.0.1", "--port", SeedPorts[index].ToString(), "--seeds", Seeds, "--health-port", "0", "--cmd-port", "0", .. extra]));
        await seed.WaitFor(MemberUp(), Token);
        return seed;
    }

    /// <summary>
    /// A node of <paramref name="role"/>; waits until it is Up unless it carries a campaign (it may finish first).
    /// The spill timeout is the production default (600 s) and so is the least wait before an unanswered spill is sent
    /// again (30 s in production): within a test's time, work lost with a member must be sent again because the member
    /// was removed, never because a spill fell overdue. Two spills in flight per worker (not
    /// na64 node's default of 8, which would put all 12 spills of the reference campaign in flight at once): the
    /// campaign goes in waves, so that a test can act while some spills are journaled and others are in flight.
    /// A free port unless <paramref name="extra"/> gives <c>--port</c>.
    /// </summary>
    public async Task<ChildProcess> StartNode(string name, string role, params string[] extra)
    {
        string[] args =
        [
            "node", "--role", role, "--seeds", Seeds, "--hostname", "127.0.0.1", .. extra.Contains("--port") ? [] : new[] { "--port", FreePort().ToString() }, "--db", Database,
            "--health-port", "0", "--cmd-port", "0", "--spill-timeout", "600", "--spill-overdue", "600", "--max-chunks", "2",
            .. extra.Contains("--max-spills") ? [] : new[] { "--max-spills", "2" }, .. extra,
        ];
        var node = Track(ChildProcess.Node(name, Environment, args));
        await node.WaitFor(MemberUp(), Token);
        return node;
    }

    /// <summary>The cluster address a <c>na64 node</c> printed at start (<c>node ADDRESS roles …</c>).</summary>
    public async Task<string> NodeAddress(ChildProcess node) => (await node.WaitFor(NodeAddressLine(), Token)).Groups[1].Value;

    /// <summary>The <c>host:port</c> of the command host <paramref name="node"/> printed at start.</summary>
    public async Task<string> CommandHost(ChildProcess node) => (await node.WaitFor(CommandHostLine(), Token)).Groups[1].Value;

    /// <summary>Runs <c>na64 cmd --host HOST WORDS…</c> to its end: exit code, stdout, and everything (for messages).</summary>
    public async Task<(int Exit, string Stdout, string Output)> Cmd(string host, params string[] words)
    {
        using var cmd = ChildProcess.Node("cmd", Environment, ["cmd", "--host", host, .. words]);
        var exit = await cmd.WaitForExit(Token);
        return (exit, cmd.Stdout, cmd.Output);
    }

    /// <summary>A member as <c>cluster show --json</c> lists it.</summary>
    public sealed record Member(string Status, string Roles, bool Reachable);

    /// <summary>Asks <c>cluster show --json</c> of <paramref name="host"/> until the view satisfies <paramref name="until"/> (gossip takes a moment).</summary>
    public async Task<Dictionary<string, Member>> MembersWhen(string host, Func<Dictionary<string, Member>, bool> until)
    {
        while (true)
        {
            var (exit, stdout, output) = await Cmd(host, "cluster", "show", "--json");
            Assert.True(exit == 0, output);
            var members = new Dictionary<string, Member>(StringComparer.Ordinal);
            foreach (var row in System.Text.Json.JsonDocument.Parse(stdout).RootElement.EnumerateArray())
                members[row.GetProperty("address").GetString()!] = new Member(row.GetProperty("status").GetString()!, row.GetProperty("roles").GetString()!,
                    row.GetProperty("reachable").GetBoolean());
            if (until(members)) return members;
            Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Runs <c>na64 ARGS…</c> (another verb than cmd) to its end: exit code, stdout, and everything.</summary>
    public async Task<(int Exit, string Stdout, string Output)> Na64(string[] args)
    {
        using var p = ChildProcess.Node(args[0], Environment, args);
        var exit = await p.WaitForExit(Token);
        return (exit, p.Stdout, p.Output);
    }

    /// <summary>A node started as given (its own environment and arguments), not waited for; killed with the cluster.</summary>
    public ChildProcess StartUnchecked(string name, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Track(ChildProcess.Node(name, environment, args));

    private ChildProcess Track(ChildProcess p)
    {
        _processes.Add(p);
        return p;
    }

    public string AllOutput => string.Join('\n', _processes.Select(p => p.Output));

    /// <summary>
    /// A free port below the ephemeral range (32768–60999 here): other test assemblies run in parallel bind port 0 for
    /// their own actor systems, also named na64. A killed member's address taken over by one of them was still reached
    /// by the survivors of this cluster, and the stranger was quarantined out of its own one-node cluster (an
    /// command-host test saw its node Removed in a full run).
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            var l = new TcpListener(IPAddress.Loopback, port);
            try
            {
                l.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
            finally
            {
                l.Stop();
            }
        }
    }

    [GeneratedRegex(@"^node (\S+) roles ")]
    private static partial Regex NodeAddressLine();

    [GeneratedRegex(@"^command host (\S+?:\d+)")]
    private static partial Regex CommandHostLine();

    [GeneratedRegex("^member up$")]
    public static partial Regex MemberUp();

    public void Dispose()
    {
        foreach (var p in _processes) p.Dispose();
        _timeout.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the OS temp cleaner takes it.
        }
    }
}
