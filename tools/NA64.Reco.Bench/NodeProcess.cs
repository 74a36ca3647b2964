using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using NA64.Reco.Actors.Hosting;

namespace NA64.Reco.Bench;

/// <summary>
/// A cluster node child of the bench (a <c>na64 node</c> of the two-node part, a no-op worker of the control-plane
/// part), left running until disposed (killed: a graceful leave measures nothing here); its last lines are kept for an
/// error message.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const int KeptLines = 40;
    private readonly Queue<string> _lines = new();

    private NodeProcess(string name, Process process)
    {
        Name = name;
        Process = process;
    }

    public string Name { get; }

    public Process Process { get; }

    public string Output
    {
        get
        {
            var b = new StringBuilder();
            lock (_lines)
                foreach (var l in _lines) b.Append("node ").Append(Name).Append(": ").Append(l).Append('\n');
            return b.ToString();
        }
    }

    /// <summary><c>na64 ARGS</c> (the product's executable, built beside the bench), pinned to <paramref name="cpu"/>.</summary>
    public static NodeProcess StartNa64(string name, string cpu, string workDir, IReadOnlyList<string> args)
    {
        var env = new Dictionary<string, string>(ChildProcess.NodeEnvironment)
        {
            // The contract's variables of this machine must not leak into the bench's nodes.
            ["CLUSTER_SEEDS"] = "", ["CLUSTER_IP"] = "", ["CLUSTER_HOSTNAME"] = "", ["CLUSTER_PORT"] = "",
            ["NA64_DB"] = "", ["NA64_CONDITIONS"] = "",
        };
        var psi = ChildProcess.Na64StartInfo(cpu, args, env);
        psi.WorkingDirectory = workDir;
        return Start(name, psi);
    }

    /// <summary><c>na64-bench ARGS</c>, on any CPU.</summary>
    public static NodeProcess StartBench(string name, string workDir, IReadOnlyList<string> args)
    {
        var psi = ChildProcess.SelfStartInfo(args);
        psi.WorkingDirectory = workDir;
        return Start(name, psi);
    }

    private static NodeProcess Start(string name, ProcessStartInfo psi)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node " + name);
        var node = new NodeProcess(name, p);
        p.OutputDataReceived += (_, e) => node.Keep(e.Data);
        p.ErrorDataReceived += (_, e) => node.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return node;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines) _lines.Dequeue();
        }
    }

    /// <summary>Waits until <paramref name="system"/>'s cluster has as many worker members Up as there are <paramref name="nodes"/>; fails when one exits first.</summary>
    public static async Task WaitForWorkersUp(ActorSystem system, IReadOnlyList<NodeProcess> nodes, TimeSpan timeout, CancellationToken ct)
    {
        var cluster = Cluster.Get(system);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var up = cluster.State.Members.Count(m => m.Status == MemberStatus.Up && m.HasRole(PipelineHosting.WorkerRole));
            if (up >= nodes.Count) return;
            foreach (var n in nodes)
                if (n.Process.HasExited) throw new InvalidOperationException($"node {n.Name} exited with code {n.Process.ExitCode} before joining");
            if (watch.Elapsed > timeout) throw new TimeoutException($"{up} of {nodes.Count} nodes Up after {timeout.TotalSeconds:F0} s");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>A TCP port free on loopback now.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        Process.Dispose();
    }
}
