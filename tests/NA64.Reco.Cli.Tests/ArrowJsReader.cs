using System.Diagnostics;
using System.Text.Json;

namespace NA64.Reco.Cli.Tests;

/// <summary>Runs tests/arrow-js/read-arrow.mjs on an Arrow file: what Apache Arrow's JavaScript library reads in it.</summary>
internal static class ArrowJsReader
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "arrow-js");

    /// <summary>The reader's JSON: <c>rows</c>, <c>columns</c>, <c>metadata</c> and the <c>values</c> of <paramref name="columns"/>.</summary>
    public static JsonDocument Read(string file, params string[] columns)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["read-arrow.mjs", file, .. columns]) psi.ArgumentList.Add(a);
        using var node = Process.Start(psi)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        Assert.True(node.WaitForExit(TimeSpan.FromMinutes(1)), "node read-arrow.mjs did not finish within a minute");
        Assert.True(node.ExitCode == 0, $"node read-arrow.mjs {file}: exit {node.ExitCode}\n{stderr.Result}");
        return JsonDocument.Parse(stdout.Result);
    }
}
