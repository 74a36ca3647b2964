using System.Diagnostics;

namespace NA64.Reco.Bench;

/// <summary>
/// Starts a child process, optionally pinned to CPUs with <c>taskset</c>: <c>na64-bench</c> itself for a pipeline part
/// (waited for) or the two-node driver, and the product's <c>na64</c> (built beside it) for a cluster node of the
/// two-node bench and <c>na64-bench</c> for a no-op worker of the control-plane bench (left running).
/// </summary>
public static class ChildProcess
{
    private const string Taskset = "/usr/bin/taskset";

    /// <summary>
    /// Call counting without its 100 ms delay in every measured node: with the default delay, whether the kernel's loops
    /// reached tier 1 by the measured campaign depended on the run (the same one-core campaign took 0.86 or 2.0–3.6 CPU-s
    /// after the same warm-up; a node hosting the campaign manager stayed 4× slow through three measured campaigns).
    /// Tiering off was steady but left the kernel without dynamic PGO, ≈ 10% slower; without the delay the nodes reach
    /// tier 1 with PGO in the warm-up, run after run (docs/performance-log.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NodeEnvironment = new Dictionary<string, string>
    {
        ["DOTNET_TC_CallCountingDelayMs"] = "0",
        // As the workers of k8s/base/worker.yaml: a 128 kB large-object threshold (docs/performance-log.md).
        ["DOTNET_GCLOHThreshold"] = "0x20000",
    };

    /// <summary>Null when <c>taskset</c> can pin a process to a CPU here, else why not.</summary>
    public static string? PinningUnavailable() =>
        File.Exists(Taskset) ? null : "taskset (util-linux) not found: cannot run a node on one core";

    /// <summary>Runs <c>na64-bench ARGS</c>; null on success, else why it did not run or failed. The child's stderr goes to <paramref name="log"/>.</summary>
    public static string? Run(bool pinToOneCore, IReadOnlyList<string> args, TextWriter log)
    {
        if (pinToOneCore && PinningUnavailable() is { } why) return why;
        var psi = StartInfo(Self(), pinToOneCore ? "0" : null, args, NodeEnvironment);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + psi.FileName);
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var err = stderr.GetAwaiter().GetResult();
        if (err.Length > 0) log.Write(err);
        return p.ExitCode == 0 ? null : $"node process exited with code {p.ExitCode}";
    }

    /// <summary>
    /// How to start <c>na64 ARGS</c>, pinned to <paramref name="cpus"/> (a <c>taskset -c</c> list) unless null, with
    /// <paramref name="environment"/> added (an empty value removes the variable).
    /// </summary>
    public static ProcessStartInfo Na64StartInfo(string? cpus, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment) =>
        StartInfo(Dotnet(Path.Combine(AppContext.BaseDirectory, "na64.dll")), cpus, args, environment);

    /// <summary>How to start <c>na64-bench ARGS</c> (this tool again) with the nodes' environment, on any CPU.</summary>
    public static ProcessStartInfo SelfStartInfo(IReadOnlyList<string> args) => StartInfo(Self(), null, args, NodeEnvironment);

    private static ProcessStartInfo StartInfo((string Exe, string[] Prefix) program, string? cpus, IReadOnlyList<string> args,
        IReadOnlyDictionary<string, string> environment)
    {
        var (exe, prefix) = program;
        var psi = new ProcessStartInfo { UseShellExecute = false };
        if (cpus is not null)
        {
            psi.FileName = Taskset;
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(cpus);
            psi.ArgumentList.Add(exe);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in prefix) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment)
        {
            if (v.Length == 0) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        return psi;
    }

    /// <summary>The na64-bench apphost when this process is it, else <c>dotnet exec na64-bench.dll</c> (as under a test host).</summary>
    private static (string Exe, string[] Prefix) Self()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "na64-bench") return (processPath, []);
        return Dotnet(typeof(ChildProcess).Assembly.Location);
    }

    /// <summary><c>dotnet exec DLL</c> with the host that runs this process (the SDK's under a test host).</summary>
    private static (string Exe, string[] Prefix) Dotnet(string dll)
    {
        var processPath = Environment.ProcessPath;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
            dotnet = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
        return (dotnet, ["exec", dll]);
    }
}
