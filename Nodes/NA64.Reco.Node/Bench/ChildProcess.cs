using System.Diagnostics;

namespace NA64.Reco.Node.Bench;

/// <summary>Starts <c>na64</c> itself as a child process (optionally pinned to CPU 0 with <c>taskset</c>) and waits for it.</summary>
public static class ChildProcess
{
    private const string Taskset = "/usr/bin/taskset";

    /// <summary>Runs <c>na64 ARGS</c>; null on success, else why it did not run or failed. The child's stderr goes to <paramref name="log"/>.</summary>
    public static string? Run(bool pinToOneCore, IReadOnlyList<string> args, TextWriter log)
    {
        var (exe, prefix) = Self();
        var psi = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (pinToOneCore)
        {
            if (!File.Exists(Taskset)) return "taskset (util-linux) not found: cannot run a node on one core";
            psi.FileName = Taskset;
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add("0");
            psi.ArgumentList.Add(exe);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in prefix) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + exe);
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var err = stderr.GetAwaiter().GetResult();
        if (err.Length > 0) log.Write(err);
        return p.ExitCode == 0 ? null : $"node process exited with code {p.ExitCode}";
    }

    /// <summary>The na64 apphost when this process is it, else <c>dotnet na64.dll</c> (as under a test host).</summary>
    private static (string Exe, string[] Prefix) Self()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "na64") return (processPath, []);
        var dll = typeof(ChildProcess).Assembly.Location;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
            dotnet = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
        return (dotnet, ["exec", dll]);
    }
}
