using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace NA64.Reco.Cluster.Tests.Support;

/// <summary>
/// A <c>dotnet na64.dll</c> or <c>dotnet na64-seed.dll</c> child: its stdout lines are kept and can be awaited
/// (no sleeps: a test waits for what the process prints); disposing kills the whole process tree.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private readonly List<(Regex Pattern, TaskCompletionSource<Match> Found)> _waiters = [];

    private ChildProcess(string name, string dll, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        Name = name;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) OnLine(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_lock) _stderr.AppendLine(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public static ChildProcess Node(string name, IReadOnlyDictionary<string, string> env, params string[] args) => new(name, Dll("Cli", "NA64.Reco.Cli", "na64.dll"), env, args);

    public static ChildProcess Seed(string name, IReadOnlyDictionary<string, string> env, params string[] args) => new(name, Dll("Seed", "NA64.Reco.Seed", "na64-seed.dll"), env, args);

    /// <summary>The stdout lines printed so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_lock) return string.Join('\n', _lines);
        }
    }

    /// <summary>Everything printed so far (stdout, then stderr): for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_lock) return $"--- {Name} stdout ---\n{string.Join('\n', _lines)}\n--- {Name} stderr ---\n{_stderr}";
        }
    }

    /// <summary>Completes with the first stdout line (already printed or to come) that matches.</summary>
    public async Task<Match> WaitFor(Regex pattern, CancellationToken ct)
    {
        var found = new TaskCompletionSource<Match>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var line in _lines)
                if (pattern.Match(line) is { Success: true } m) return m;
            _waiters.Add((pattern, found));
        }
        var exited = _process.WaitForExitAsync(ct);
        var first = await Task.WhenAny(found.Task, exited);
        if (first == found.Task) return await found.Task;
        ct.ThrowIfCancellationRequested();
        // Output already read may still be queued: one last look.
        lock (_lock)
            foreach (var line in _lines)
                if (pattern.Match(line) is { Success: true } m) return m;
        throw new Xunit.Sdk.XunitException($"{Name} exited ({_process.ExitCode}) before printing /{pattern}/\n{Output}");
    }

    public async Task<int> WaitForExit(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hook runs, the node just vanishes.</summary>
    public async Task KillHard()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: what Kubernetes sends on scale-down.</summary>
    public async Task Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private void OnLine(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var m = _waiters[i].Pattern.Match(line);
                if (!m.Success) continue;
                _waiters[i].Found.TrySetResult(m);
                _waiters.RemoveAt(i);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private static string Dll(string folder, string project, string file) => Repository.BuiltDll(folder, project, file);
}
