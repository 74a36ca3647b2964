using System.Text.RegularExpressions;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Tests;

/// <summary>
/// The report of the demo campaign (<c>na64 run --demo</c>: the beam, seven A' masses, the dimuon and the forced K⁻ samples) renders in
/// headless Chromium with every sample and every mass; the demo's own samples at a fraction of its events, so that the
/// test takes seconds rather than the demo's 40.
/// </summary>
public sealed partial class DemoReportTests
{
    [ChromiumFact]
    public async Task The_demos_report_renders_in_headless_chromium_with_every_sample_and_every_mass()
    {
        using var tmp = new TempFolder();
        var spec = SpillCount().Replace(EventsPerSpill().Replace(DemoCampaign.Json, "\"events_per_spill\": 1500"), "\"spills\": 2");
        File.WriteAllText(tmp["demo.json"], spec);
        var (code, _, error) = CliRunner.Run("run", tmp["demo.json"], "--out", tmp["out"], "--cmd-port", "-1");
        Assert.True(code == 0, error);

        var dom = await Chromium.DumpDom(Path.Combine(tmp["out"], "report.html"), tmp["profile"]);

        Assert.Contains("<span id=\"campaign-id\">demo</span>", dom);
        var samples = DemoCampaign.Spec.Samples.Select(s => s.Name).ToArray();
        Assert.Equal(10, samples.Length);
        var exposure = Section(dom, "exposure");
        foreach (var sample in samples) Assert.Contains(sample, exposure);
        // The rows of limits.csv: the observed limit at each of the seven masses, and its projections.
        var limits = Section(dom, "limits");
        var rows = Regex.Matches(limits[limits.IndexOf("<tbody>", StringComparison.Ordinal)..], "<tr>").Count;
        var csv = File.ReadAllLines(Path.Combine(tmp["out"], "limits.csv"));
        Assert.Equal(csv.Length - 1, rows);
        Assert.Equal(7, csv.Count(l => l.StartsWith("observed,", StringComparison.Ordinal)));
        // The background table: the K⁻ decays to an electron from the forced K⁻ sample, beside the beam's sources.
        var background = Section(dom, "background");
        Assert.Contains("decay-to-electron", background);
        Assert.Contains("kaon-bias1e12", background);
        foreach (var section in new[] { "provenance", "spills", "cutflow", "efficiency", "background", "plots" })
            Assert.Contains($"<section id=\"{section}\">", dom);
    }

    private static string Section(string dom, string id)
    {
        var start = dom.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return dom[start..dom.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("\"events_per_spill\": \\d+")]
    private static partial Regex EventsPerSpill();

    [GeneratedRegex("\"spills\": \\d+")]
    private static partial Regex SpillCount();
}
