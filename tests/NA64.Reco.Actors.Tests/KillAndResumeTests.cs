using System.Diagnostics;
using System.Text.RegularExpressions;
using NA64.Reco.Actors.Tests.Support;
using Xunit.Abstractions;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The real thing: <c>na64 run</c> as a child process, killed with SIGKILL in the middle of a campaign,
/// then run again on the same journal, with the real reconstruction. The campaign must last long enough
/// to be killed in the middle: if the reconstruction gets much faster, make it larger.
/// </summary>
public sealed partial class KillAndResumeTests(ITestOutputHelper output)
{
#if DEBUG
    private const int EventsPerSpill = 10_000;
#else
    // An optimised build reconstructs ~4x faster: keep the campaign several progress lines long.
    private const int EventsPerSpill = 40_000;
#endif

    private static readonly string Spec = $$"""
        {
          "id": "kill-test",
          "chunk_size": 5000,
          "snapshot_every": 4,
          "inputs": { "samples": [
            { "sample": "beam", "spills": 24, "events_per_spill": {{EventsPerSpill}}, "seed": 31 },
            { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 6, "events_per_spill": {{EventsPerSpill}}, "seed": 32 }
          ] }
        }
        """;

    [Fact]
    public Task Kill_9_in_the_middle_then_rerun_gives_bit_identical_results() =>
        KillRerunAndCompare(Spec, ["summary.json", "cutflow.csv", "histograms.json"]);

    /// <summary>
    /// Runs <paramref name="specText"/> to the end, then again killed once at least three spills are journaled (and
    /// well before the end) and rerun on the same journal: <paramref name="files"/> must be the same bytes.
    /// </summary>
    private async Task KillRerunAndCompare(string specText, string[] files)
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        await File.WriteAllTextAsync(spec, specText);

        // Reference: the same spec run without interruption.
        var (referenceCode, _) = await RunToEnd(spec, dir.File("reference"));
        Assert.Equal(0, referenceCode);

        var killedOut = dir.File("killed");
        var killedAt = await RunAndKill(spec, killedOut, atSpills: 3);
        Assert.InRange(killedAt, 3, 27);
        Assert.False(File.Exists(Path.Combine(killedOut, "summary.json")));

        var (code, printed) = await RunToEnd(spec, killedOut);
        Assert.Equal(0, code);
        var resumed = int.Parse(ResumedPattern().Match(printed).Groups[1].Value);
        output.WriteLine($"killed after {killedAt} spills; the rerun resumed with {resumed} of 30 done");
        Assert.InRange(resumed, killedAt, 29);

        foreach (var file in files)
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir.File("reference"), file)), await File.ReadAllBytesAsync(Path.Combine(killedOut, file)));
    }

    // The visible programme's X and K⁰_S events are cheap (no shower over cells, no raw event): more of them per spill.
    private static readonly string VisibleSpec = $$"""
        {
          "id": "kill-visible",
          "setup": "visible-2018",
          "chunk_size": 20000,
          "snapshot_every": 4,
          "inputs": { "samples": [
            { "sample": "x", "mass_mev": 16.7, "spills": 24, "events_per_spill": {{10 * EventsPerSpill}}, "seed": 33 },
            { "sample": "k0s-pi0pi0", "spills": 3, "events_per_spill": {{10 * EventsPerSpill}}, "seed": 34 },
            { "sample": "k0s-pipi", "spills": 3, "events_per_spill": {{10 * EventsPerSpill}}, "seed": 35 }
          ] }
        }
        """;

    [Fact]
    public Task A_visible_campaign_killed_in_the_middle_then_rerun_gives_bit_identical_results() =>
        KillRerunAndCompare(VisibleSpec, ["summary.json", "cutflow.csv", "efficiency.csv", "background.csv", "limits.csv"]);

    private static ProcessStartInfo Na64(string spec, string outDir) => Na64Process.StartInfo("run", spec, "--out", outDir);

    private static Task<(int Code, string Output)> RunToEnd(string spec, string outDir) => Na64Process.RunToEnd("run", spec, "--out", outDir);

    /// <summary>Reads the plain progress lines until <paramref name="atSpills"/> spills are finished, then SIGKILLs the process.</summary>
    private static async Task<int> RunAndKill(string spec, string outDir, int atSpills)
    {
        using var p = Process.Start(Na64(spec, outDir))!;
        _ = p.StandardError.ReadToEndAsync();
        try
        {
            while (await p.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)) is { } line)
            {
                var m = ProgressPattern().Match(line);
                if (m.Success && int.Parse(m.Groups[1].Value) >= atSpills)
                {
                    p.Kill(entireProcessTree: true); // SIGKILL: no shutdown hook runs
                    await p.WaitForExitAsync();
                    return int.Parse(m.Groups[1].Value);
                }
            }
            throw new Xunit.Sdk.XunitException("na64 run ended before it could be killed: make the campaign larger");
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"spills (\d+)/\d+")]
    private static partial Regex ProgressPattern();

    [GeneratedRegex(@"resumed (\d+)\)")]
    private static partial Regex ResumedPattern();
}
