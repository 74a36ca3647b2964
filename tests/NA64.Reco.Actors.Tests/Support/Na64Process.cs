using System.Diagnostics;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>The built <c>na64</c> executable as a child process (the same configuration as this test build).</summary>
internal static class Na64Process
{
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll());
        foreach (var a in args) info.ArgumentList.Add(a);
        // A run's command host makes its token in the state folder: the test machine's home is not the place.
        info.Environment["NA64_STATE_DIR"] = Path.Combine(Path.GetTempPath(), "na64-actors-tests-state");
        return info;
    }

    public static async Task<(int Code, string Output)> RunToEnd(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>Exit code, standard output and standard error apart (an error must be one line of stderr).</summary>
    public static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string Dll() => Repository.BuiltDll("Cli", "NA64.Reco.Cli", "na64.dll");
}
