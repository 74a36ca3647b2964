using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NA64.Reco.Cluster.Tests.Support;

/// <summary>
/// A cluster of child processes on 127.0.0.1 for one test: a temp folder, one shared SQLite journal (only the
/// campaign manager singleton writes it), free ports, short failure timings, and every process killed on dispose.
/// </summary>
internal sealed partial class TestCluster : IDisposable
{
    /// <summary>Keep-majority waits this long on a stable partition before downing the unreachable side.</summary>
    private const string StableAfterMs = "2000";

    private readonly List<ChildProcess> _processes = [];
    private readonly CancellationTokenSource _timeout;

    public TestCluster(TimeSpan timeout)
    {
        Folder = Path.Combine(Path.GetTempPath(), "na64-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        _timeout = new CancellationTokenSource(timeout);
        SeedPort = FreePort();
        Seeds = $"akka.tcp://na64@127.0.0.1:{SeedPort}";
    }

    public string Folder { get; }

    public int SeedPort { get; }

    public string Seeds { get; }

    public string Database => Path.Combine(Folder, "cluster.db");

    /// <summary>Cancelled when the test's time is up: every wait takes it.</summary>
    public CancellationToken Token => _timeout.Token;

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["NA64_SBR_STABLE_AFTER_MS"] = StableAfterMs,
        // Contract variables of the test machine must not leak in.
        ["CLUSTER_SEEDS"] = "",
        ["CLUSTER_IP"] = "",
        ["CLUSTER_HOSTNAME"] = "",
        ["CLUSTER_PORT"] = "",
        ["NA64_DB"] = "",
        ["NA64_CONDITIONS"] = "",
    };

    public string File(string name) => Path.Combine(Folder, name);

    public async Task<ChildProcess> StartSeed()
    {
        var seed = Track(ChildProcess.Seed("seed", Environment, "--hostname", "127.0.0.1", "--port", SeedPort.ToString(), "--seeds", Seeds,
            "--health-port", "0"));
        await seed.WaitFor(MemberUp(), Token);
        return seed;
    }

    /// <summary>A node of <paramref name="role"/>; waits until it is Up unless it carries a campaign (it may finish first).</summary>
    public async Task<ChildProcess> StartNode(string name, string role, params string[] extra)
    {
        string[] args =
        [
            "node", "--role", role, "--seeds", Seeds, "--hostname", "127.0.0.1", "--port", FreePort().ToString(), "--db", Database,
            "--health-port", "0", "--spill-timeout", "8", "--max-chunks", "2", .. extra,
        ];
        var node = Track(ChildProcess.Node(name, Environment, args));
        await node.WaitFor(MemberUp(), Token);
        return node;
    }

    private ChildProcess Track(ChildProcess p)
    {
        _processes.Add(p);
        return p;
    }

    public string AllOutput => string.Join('\n', _processes.Select(p => p.Output));

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

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
