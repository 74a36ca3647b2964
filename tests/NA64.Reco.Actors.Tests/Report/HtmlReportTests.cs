using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Results;
using NA64.Reco.Results.Html;

namespace NA64.Reco.Actors.Tests.Report;

/// <summary>report.html: written with the other results of a campaign, one self-contained page a browser renders.</summary>
public sealed partial class HtmlReportTests
{
    [ChromiumFact]
    public async Task The_report_of_a_campaign_renders_in_headless_chromium_with_its_tables_and_every_plot()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), """
            { "id": "report-test", "chunk_size": 1000, "inputs": { "samples": [
              { "sample": "beam", "spills": 3, "events_per_spill": 2000, "seed": 5 },
              { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 1, "events_per_spill": 2000, "seed": 6 },
              { "sample": "signal", "mass_mev": 100, "epsilon": 1e-4, "spills": 1, "events_per_spill": 2000, "seed": 7 } ] } }
            """);
        var results = dir.File("results");
        var (code, output) = await Na64Process.RunToEnd("run", dir.File("spec.json"), "--out", results);
        Assert.True(code == 0, output);
        var page = Path.Combine(results, HtmlReport.FileName);
        Assert.True(File.Exists(page), $"no {HtmlReport.FileName} among the results");
        var html = await File.ReadAllTextAsync(page);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:|//)", html); // self-contained

        var dom = await Chromium.DumpDom(page, dir.File("profile"));

        Assert.Contains("<span id=\"campaign-id\">report-test</span>", dom);
        foreach (var section in new[] { "provenance", "exposure", "spills", "cutflow", "efficiency", "background", "limits", "plots" })
            Assert.Contains($"<section id=\"{section}\">", dom);
        Assert.Contains("<strong id=\"reference-eot\">6000</strong>", dom);
        // The limits table has the rows of limits.csv, cell for cell in the same order of columns.
        var csv = File.ReadAllLines(Path.Combine(results, "limits.csv"));
        var limits = Section(dom, "limits");
        Assert.Equal(csv.Length - 1, Rows(limits).Count);
        Assert.Equal(csv[0].Split(','), Headers(limits));
        Assert.Equal(csv[1].Split(',')[0..2], Rows(limits)[0][0..2]);
        // Every PNG of the results is inlined once.
        var pngs = Directory.GetFiles(results, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.True(pngs.Length >= 6, string.Join(", ", pngs));
        Assert.Equal(pngs, ImageAlts().Matches(Section(dom, "plots")).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));

        var shot = dir.File("shot.png");
        await Chromium.Screenshot(page, shot, 1280, 4000, dir.File("profile"));
        var png = await File.ReadAllBytesAsync(shot);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.Equal(1280, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(4000, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        // Tables and inlined plots, not a blank page (a blank 1280 × 4000 PNG is a few kB).
        Assert.True(png.Length > 100_000, $"screenshot of {png.Length} bytes");
    }

    [ChromiumFact]
    public async Task The_report_of_a_muon_campaign_renders_its_mot_its_tables_and_the_coupling_plot()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), """
            { "id": "muon-report", "setup": "na64mu-2022", "chunk_size": 5000, "inputs": { "samples": [
              { "sample": "muon", "spills": 2, "events_per_spill": 5000, "seed": 5 },
              { "sample": "zprime", "mass_mev": 10, "spills": 1, "events_per_spill": 3000, "seed": 6 },
              { "sample": "zprime", "mass_mev": 300, "spills": 1, "events_per_spill": 3000, "seed": 6 } ] } }
            """);
        var results = dir.File("results");
        var (code, output) = await Na64Process.RunToEnd("run", dir.File("spec.json"), "--out", results);
        Assert.True(code == 0, output);
        var page = Path.Combine(results, HtmlReport.FileName);
        var dom = await Chromium.DumpDom(page, dir.File("profile"));

        foreach (var section in new[] { "provenance", "exposure", "spills", "cutflow", "efficiency", "background", "limits", "plots" })
            Assert.Contains($"<section id=\"{section}\">", dom);
        Assert.Contains("<strong id=\"reference-eot\">10000</strong> MOT", dom);
        Assert.DoesNotContain("<section id=\"dimuons\">", dom);
        // Each table is its CSV file: the same header and the same rows, cell for cell.
        foreach (var (id, file) in new[] { ("cutflow", "cutflow.csv"), ("efficiency", "efficiency.csv"), ("background", "background.csv"), ("limits", "limits.csv") })
        {
            var csv = File.ReadAllLines(Path.Combine(results, file));
            var table = Section(dom, id);
            Assert.Equal(csv[0].Split(','), Headers(table));
            Assert.Equal(csv[1..].Select(l => l.Split(',').Length), Rows(table).Select(r => r.Length));
            Assert.Equal(csv[1].Split(',')[0], Rows(table)[0][0]);
        }
        Assert.Equal(["zprime-limits.png"], ImageAlts().Matches(Section(dom, "plots")).Select(m => m.Groups[1].Value));
    }

    [ChromiumFact]
    public async Task The_report_of_a_visible_campaign_renders_its_exposure_its_tables_and_the_band_plot()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), """
            { "id": "visible-report", "setup": "visible-2017", "chunk_size": 5000, "inputs": { "samples": [
              { "sample": "x", "mass_mev": 5, "spills": 1, "events_per_spill": 3000, "seed": 5 },
              { "sample": "x", "mass_mev": 16.7, "spills": 1, "events_per_spill": 3000, "seed": 6 } ] } }
            """);
        var results = dir.File("results");
        var (code, output) = await Na64Process.RunToEnd("run", dir.File("spec.json"), "--out", results);
        Assert.True(code == 0, output);
        var page = Path.Combine(results, HtmlReport.FileName);
        var dom = await Chromium.DumpDom(page, dir.File("profile"));

        foreach (var section in new[] { "provenance", "exposure", "spills", "cutflow", "efficiency", "background", "limits", "plots" })
            Assert.Contains($"<section id=\"{section}\">", dom);
        Assert.Contains("<strong id=\"reference-eot\">54000000000</strong> EOT", dom);
        // Each table is its CSV file: the same header and the same rows, cell for cell.
        foreach (var (id, file) in new[] { ("cutflow", "cutflow.csv"), ("efficiency", "efficiency.csv"), ("background", "background.csv"), ("limits", "limits.csv") })
        {
            var csv = File.ReadAllLines(Path.Combine(results, file));
            var table = Section(dom, id);
            Assert.Equal(csv[0].Split(','), Headers(table));
            Assert.Equal(csv[1..].Select(l => l.Split(',').Length), Rows(table).Select(r => r.Length));
            Assert.Equal(csv[1].Split(',')[0], Rows(table)[0][0]);
        }
        Assert.Equal(["visible-limits.png"], ImageAlts().Matches(Section(dom, "plots")).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Strings_from_specs_and_inputs_are_encoded_never_markup()
    {
        var result = CampaignResults.From(SyntheticCampaign.Plan(), NA64.Reco.Physics.Setups.Setup.Of(DetectorConditions.Default), SyntheticCampaign.Result());
        result = result with { Quarantined = [new QuarantinedSpill("beam-r1-s00004", "<img src=x onerror=alert(1)>.raw", 7, "bad <script>alert(1)</script> magic", 10)] };
        var analysis = CampaignAnalysis.From(result.Samples, DetectorConditions.Default, new CampaignAnalysisOptions { YieldRelativeUncertainty = 0.1 });

        var html = Encoding.UTF8.GetString(HtmlReport.Render(result, analysis, []).Content);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("bad &lt;script&gt;alert(1)&lt;/script&gt; magic", html, StringComparison.Ordinal);
        Assert.Equal(html, Encoding.UTF8.GetString(HtmlReport.Render(result, analysis, []).Content));
    }

    private static string Section(string dom, string id)
    {
        var start = dom.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return dom[start..dom.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string[] Headers(string section) =>
        Cells().Matches(section[..section.IndexOf("</thead>", StringComparison.Ordinal)]).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToArray();

    private static List<string[]> Rows(string section)
    {
        var body = section[section.IndexOf("<tbody>", StringComparison.Ordinal)..section.IndexOf("</tbody>", StringComparison.Ordinal)];
        return RowPattern().Matches(body).Select(r => Cells().Matches(r.Value).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value)).ToArray()).ToList();
    }

    [GeneratedRegex("<t([hd])>(.*?)</t[hd]>")]
    private static partial Regex Cells();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<img alt=\"([^\"]+)\" src=\"data:image/png;base64,")]
    private static partial Regex ImageAlts();
}
