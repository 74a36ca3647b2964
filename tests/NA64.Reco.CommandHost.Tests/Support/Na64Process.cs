using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>
/// The built <c>na64</c> executable as a child process with an environment of its own: the token variables and the
/// state folder of the test machine must not leak into it. Disposing kills it.
/// </summary>
internal sealed class Na64Process : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];

    private Na64Process(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        _process = Process.Start(Info(environment, args))!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) _lines.Writer.TryComplete();
            else _lines.Writer.TryWrite(e.Data);
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The environment of a user whose state folder is <paramref name="stateFolder"/> and who names no token file.</summary>
    public static Dictionary<string, string> Environment(string stateFolder) => new()
    {
        [CommandToken.StateDirectoryVariable] = stateFolder,
        [CommandHostOptions.TokenFileVariable] = "",
        [CommandHostOptions.BindVariable] = "",
        ["NA64_DATA_ROOTS"] = "",
        ["CLUSTER_SEEDS"] = "",
        ["CLUSTER_IP"] = "",
        ["CLUSTER_HOSTNAME"] = "",
        ["CLUSTER_PORT"] = "",
        ["NA64_DB"] = "",
    };

    /// <summary>Runs to the end: exit code, standard output and standard error apart (an error must be one line of stderr).</summary>
    public static async Task<(int Code, string Output, string Error)> Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Process.Start(Info(environment, args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, (await stdout).Replace("\r\n", "\n"), (await stderr).Replace("\r\n", "\n"));
    }

    /// <summary>Starts a long-running verb (<c>node</c>); its stdout lines can be awaited.</summary>
    public static Na64Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) => new(environment, args);

    /// <summary>The first line (from the start) that matches, within <paramref name="timeout"/>.</summary>
    public async Task<Match> WaitForLine(Regex pattern, TimeSpan timeout)
    {
        foreach (var seen in _seen)
            if (pattern.Match(seen) is { Success: true } early) return early;
        using var deadline = new CancellationTokenSource(timeout);
        while (await _lines.Reader.WaitToReadAsync(deadline.Token))
        {
            while (_lines.Reader.TryRead(out var line))
            {
                _seen.Add(line);
                if (pattern.Match(line) is { Success: true } m) return m;
            }
        }
        throw new InvalidOperationException($"na64 ended without printing a line like {pattern}:\n{string.Join('\n', _seen)}");
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
        }
        _process.Dispose();
    }

    private static ProcessStartInfo Info(IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll());
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        return info;
    }

    private static string Dll() => Repository.BuiltDll("Cli", "NA64.Reco.Cli", "na64.dll");
}
