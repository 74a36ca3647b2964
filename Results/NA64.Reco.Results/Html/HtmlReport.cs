using System.Globalization;
using System.Net;
using System.Text;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Results.Html;

/// <summary>
/// report.html: one self-contained page of a finished campaign for a person to open (provenance, exposure, spills and
/// quarantines, cut-flows, efficiencies, the background table, the limits, the dimuon cross-check, and every PNG plot inlined as a data URI;
/// for a muon-programme campaign its MOT and the tables of <see cref="MuonReport"/>;
/// no script, no external resource). Its tables are the rows of the CSV and JSON files (<see cref="AnalysisReport"/>),
/// never a second computation. Every string that comes from a spec or an input (ids, file names, reasons) is
/// HTML-encoded. Pure: the same campaign gives the same bytes.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";

    public static ResultFile Render(CampaignResult result, CampaignAnalysis analysis, IReadOnlyList<ResultFile> plots)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(plots);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>NA64.Reco campaign ").Append(Encode(result.CampaignId)).Append("</title>\n");
        h.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>Campaign <span id=\"campaign-id\">").Append(Encode(result.CampaignId)).Append("</span></h1>\n");
        Provenance(h, result);
        if (analysis.ZPrime is { } zprime)
        {
            Muon(h, result, analysis, zprime, plots);
            return new ResultFile(FileName, new UTF8Encoding(false).GetBytes(h.ToString()));
        }
        if (analysis.Visible is { } visible)
        {
            Visible(h, result, analysis, visible, plots);
            return new ResultFile(FileName, new UTF8Encoding(false).GetBytes(h.ToString()));
        }

        Section(h, "exposure", "Exposure");
        h.Append("<p>Reference exposure: <strong id=\"reference-eot\">").Append(Number(analysis.ReferenceEot)).Append("</strong> EOT (")
            .Append(Encode(analysis.ReferenceKind ?? "no reference")).Append(": ").Append(Encode(string.Join(", ", analysis.ReferenceSamples)))
            .Append(").</p>\n");
        Table(h, ["sample", "kind", "m_A' [MeV]", "ε", "events", "EOT (headers)", "equivalent EOT", "basis"],
            result.Samples.Select(s =>
            {
                var e = analysis.Exposures.FirstOrDefault(x => x.Sample == s.Name);
                return (object?[])[s.Name, s.Sample.Kind.ToString().ToLowerInvariant(), s.Sample.MassAPrimeMeV, s.Sample.Epsilon, s.Summary.Events,
                    s.Summary.Eot, e?.EquivalentEot, e?.Basis];
            }));
        h.Append("</section>\n");

        Spills(h, result);

        Section(h, "cutflow", "Cut-flow");
        Table(h, ["cut", .. result.Samples.Select(s => s.Name)],
            Enumerable.Range(0, CutNames.Count).Select(c => (object?[])[CutNames.All[c], .. result.Samples.Select(s => (object?)s.Summary.CutFlow[c])]));
        h.Append("</section>\n");

        Section(h, "efficiency", "Signal efficiency");
        Table(h, ["sample", "m_A' [MeV]", "Y per EOT (ε = 1)", "efficiency", "± (1σ)"],
            analysis.Efficiencies.Select(e => (object?[])[e.Key, e.Value.MassMeV, e.Value.YieldPerEot, e.Value.SignalEfficiency, e.Value.SignalEfficiencyUncertainty]));
        h.Append("<details><summary>per cut (efficiency.csv)</summary>\n");
        Table(h, AnalysisReport.EfficiencyColumns, AnalysisReport.EfficiencyRows(analysis));
        h.Append("</details>\n</section>\n");

        Section(h, "background", "Background in the signal box");
        h.Append("<p>Observed: <strong>").Append(Number(analysis.Observed)).Append("</strong>. The limits use <code>")
            .Append(Encode(analysis.LimitBackgroundMethod)).Append("</code>: ").Append(Encode(Describe(analysis.Inputs?.Background))).Append(".</p>\n");
        if (analysis.Abcd is { } abcd)
        {
            h.Append("<h3>ABCD</h3>\n");
            Table(h, ["region", "count", "definition"], abcd.Regions.Select(r => (object?[])[r.Name, r.Count, r.Definition]));
            Table(h, ["expected", "stat", "syst", "upper bound"], [[abcd.Expected, abcd.StatUncertainty, abcd.SystUncertainty, abcd.UpperBound]]);
        }
        if (analysis.Backgrounds is not null)
        {
            h.Append("<h3>Per source (background.csv)</h3>\n");
            Table(h, AnalysisReport.BackgroundColumns, AnalysisReport.BackgroundRows(analysis));
        }
        if (analysis.McSources.Count > 0)
        {
            h.Append("<h3>MC truth per sample, scaled to the reference exposure</h3>\n");
            Table(h, ["sample", "equivalent EOT", "basis", "source", "count", "expected", "stat", "upper bound", "source's equivalent EOT"],
                analysis.McSources.SelectMany(m => m.Sources.Select(s => (object?[])[m.Sample, m.EquivalentEot, m.ExposureBasis, s.Regions[0].Name, s.Regions[0].Count,
                    s.Expected, s.StatUncertainty, s.UpperBound, s.EquivalentEot]).Append([m.Sample, m.EquivalentEot, m.ExposureBasis, "total", m.Total.Regions.Sum(r => r.Count),
                    m.Total.Expected, m.Total.StatUncertainty, m.Total.UpperBound, m.Total.EquivalentEot])));
        }
        h.Append("</section>\n");

        Section(h, "limits", "90% CL limits");
        if (analysis.Inputs is { } i)
            h.Append("<p>Method <code>").Append(Encode(AnalysisReport.MethodName(i.Method))).Append("</code>, signal-scale prior <code>")
                .Append(i.EffectiveSignalPrior == Physics.Statistics.SignalScalePrior.LogNormal ? "log-normal" : "truncated Gaussian").Append("</code>, yield systematic <code>")
                .Append(Encode(analysis.YieldUncertaintyModel)).Append("</code>, EOT uncertainty ").Append(Number(i.EotRelativeUncertainty)).Append(".</p>\n");
        Table(h, AnalysisReport.LimitColumns, AnalysisReport.LimitRows(analysis));
        if (analysis.SkippedProjections.Count > 0)
            h.Append("<p>Projections skipped (background above the spec's maximum): ")
                .Append(Encode(string.Join(", ", analysis.SkippedProjections.Select(Number)))).Append(" EOT.</p>\n");
        h.Append("</section>\n");

        Section(h, "dimuons", "Dimuon cross-check (dimuon.json)");
        if (analysis.Dimuons is { } d)
        {
            h.Append("<p>Dimuon candidates (γZ → μ⁺μ⁻Z, two MIPs in every HCAL module) of the reference against the QED expectation of the dimuon emitter: measured / expected = <strong id=\"dimuon-ratio\">")
                .Append(Number(d.Ratio ?? double.NaN)).Append("</strong> ± ").Append(Number(d.RatioError ?? double.NaN))
                .Append(" (stat ").Append(Number(d.RatioStatError ?? double.NaN)).Append(", efficiency ").Append(Number(d.RatioEfficiencyError ?? double.NaN))
                .Append("): the check of the chain behind the A' yield.</p>\n");
            Table(h, ["EOT", "pairs per EOT (emitter)", "e⁻ fraction", "efficiency", "± (1σ)", "selected", "expected"],
                [[d.ReferenceEot, d.Expectation.PairsPerEot, d.NominalElectronFraction, d.Efficiency, d.EfficiencyError, d.Selected, d.Expected]]);
        }
        else h.Append("<p>No reference exposure: no dimuon cross-check.</p>\n");
        h.Append("</section>\n");

        Plots(h, plots);
        return new ResultFile(FileName, new UTF8Encoding(false).GetBytes(h.ToString()));
    }

    private static void Provenance(StringBuilder h, CampaignResult result)
    {
        Section(h, "provenance", "Provenance");
        var p = result.Provenance;
        Table(h, ["field", "value"],
        [
            ["spec hash", result.SpecHash], ["conditions", p.ConditionsId], ["conditions hash", p.ConditionsHash],
            ["code version", p.CodeVersion], ["input digest", result.InputDigest], ["input files", result.InputFiles],
            .. result.Samples.Where(s => !s.FromFiles).Select(s => (object?[])[$"seed of {s.Name}", s.Sample.Seed]),
        ]);
        h.Append("</section>\n");
    }

    private static void Spills(StringBuilder h, CampaignResult result)
    {
        Section(h, "spills", "Spills");
        h.Append("<p>").Append(Number(result.DoneSpills)).Append(" of ").Append(Number(result.TotalSpills)).Append(" done, ")
            .Append(Number(result.Quarantined.Count)).Append(" quarantined (").Append(Number(result.QuarantinedEvents)).Append(" events).</p>\n");
        if (result.Quarantined.Count > 0)
            Table(h, ["spill", "file", "offset", "reason"], result.Quarantined.Select(q => (object?[])[q.SpillId, q.File, q.Offset, q.Reason]));
        h.Append("</section>\n");
    }

    /// <summary>The muon programme's sections: its exposure in MOT and the tables of <see cref="MuonReport"/>, as its CSV files hold them.</summary>
    private static void Muon(StringBuilder h, CampaignResult result, CampaignAnalysis analysis, ZPrimeReach zprime, IReadOnlyList<ResultFile> plots)
    {
        Section(h, "exposure", "Exposure");
        h.Append("<p>Setup <code>").Append(Encode(zprime.Setup.Id)).Append("</code>. Muons on target: <strong id=\"reference-eot\">").Append(Number(analysis.ReferenceEot))
            .Append("</strong> MOT (").Append(Encode(analysis.ReferenceKind ?? "no beam muons")).Append(": ").Append(Encode(string.Join(", ", analysis.ReferenceSamples)))
            .Append(").</p>\n");
        Table(h, ["sample", "kind", "m_Z' [MeV]", "events", "MOT", "basis"],
            result.Samples.Select(s => (object?[])[s.Name, s.Sample.Kind.ToString().ToLowerInvariant(), s.Sample.MassAPrimeMeV, s.Summary.Events, s.Summary.Eot,
                analysis.Exposures.FirstOrDefault(x => x.Sample == s.Name)?.Basis]));
        h.Append("</section>\n");
        Spills(h, result);
        foreach (var (id, title, table) in new[]
        {
            ("cutflow", "Cut-flow (cutflow.csv)", MuonReport.CutFlow(zprime)),
            ("efficiency", "Signal efficiency (efficiency.csv)", MuonReport.Efficiency(zprime)),
            ("background", "Background in the signal region: beam muons (background.csv)", MuonReport.Background(zprime)),
            ("limits", "90% CL limits on g_Z' (limits.csv)", MuonReport.Limits(zprime)),
        })
        {
            Section(h, id, title);
            if (id == "limits")
                h.Append("<p>Method <code>").Append(Encode(AnalysisReport.MethodName(zprime.Observed.Inputs.Method))).Append("</code>, ")
                    .Append(Encode(Describe(zprime.Background))).Append(" at the MOT; the projections are background-free.</p>\n");
            Table(h, table.Columns, table.Rows);
            h.Append("</section>\n");
        }
        Plots(h, plots);
    }

    /// <summary>The visible programme's sections: the setup's exposure and the tables of <see cref="VisibleReport"/>, as its CSV files hold them.</summary>
    private static void Visible(StringBuilder h, CampaignResult result, CampaignAnalysis analysis, VisibleReach visible, IReadOnlyList<ResultFile> plots)
    {
        Section(h, "exposure", "Exposure");
        h.Append("<p>Setup <code>").Append(Encode(visible.Parts[0].Setup.Id)).Append("</code>. Electrons on target of the band: <strong id=\"reference-eot\">")
            .Append(Number((long)visible.Inputs.Eot)).Append("</strong> EOT (the setup's exposure; the X samples' events are forced emissions, the K⁰_S samples' forced background chains weighted per EOT).</p>\n");
        Table(h, ["sample", "kind", "m_X [MeV]", "events", "basis"],
            result.Samples.Select(s => (object?[])[s.Name, SampleDescriptor.KindName(s.Sample.Kind), s.Sample.IsVisibleBackground ? null : (object)s.Sample.MassAPrimeMeV, s.Summary.Events,
                analysis.Exposures.FirstOrDefault(x => x.Sample == s.Name)?.Basis]));
        h.Append("</section>\n");
        Spills(h, result);
        foreach (var (id, title, table) in new[]
        {
            ("cutflow", "Cut-flow at the ε of the largest signal (cutflow.csv)", VisibleReport.CutFlow(visible)),
            ("efficiency", "Signal efficiency (efficiency.csv)", VisibleReport.Efficiency(visible)),
            ("background", "Background per source (background.csv)", VisibleReport.Background(visible)),
            ("limits", "Excluded ε at 90% CL (limits.csv)", VisibleReport.Bands(visible)),
        })
        {
            Section(h, id, title);
            if (id == "limits")
                h.Append("<p>Method <code>").Append(Encode(AnalysisReport.MethodName(visible.Inputs.Method))).Append("</code>, no event observed and a background of ")
                    .Append(Encode(visible.Inputs.Background.ToString())).Append(" events (the K⁰_S sources): N_up = ").Append(Number(visible.NUp)).Append(".</p>\n");
            Table(h, table.Columns, table.Rows);
            h.Append("</section>\n");
        }
        Plots(h, plots);
    }

    private static void Plots(StringBuilder h, IReadOnlyList<ResultFile> plots)
    {
        Section(h, "plots", "Plots");
        foreach (var plot in plots.Where(f => f.Name.EndsWith(".png", StringComparison.Ordinal)))
            h.Append("<figure><img alt=\"").Append(Encode(plot.Name)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Content))
                .Append("\"><figcaption>").Append(Encode(plot.Name)).Append("</figcaption></figure>\n");
        h.Append("</section>\n</body>\n</html>\n");
    }

    private const string Style =
        "body{font-family:sans-serif;margin:2em;max-width:110em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}" +
        "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:right}th{background:#eee}td:first-child,th:first-child{text-align:left}" +
        "figure{display:inline-block;margin:.5em}img{max-width:48em;border:1px solid #ddd}code{background:#f4f4f4}";

    private static void Section(StringBuilder h, string id, string title) =>
        h.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(Encode(title)).Append("</h2>\n");

    private static void Table(StringBuilder h, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        h.Append("<table>\n<thead><tr>");
        foreach (var c in columns) h.Append("<th>").Append(Encode(c)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var cell in row) h.Append("<td>").Append(Cell(cell)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => Number(d),
        float f => Number(f),
        IFormattable f => Encode(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encode(value.ToString() ?? ""),
    };

    /// <summary>Six significant digits; undefined or infinite values are empty, as in the CSV files.</summary>
    private static string Number(double d) => double.IsFinite(d) ? Encode(d.ToString("G6", CultureInfo.InvariantCulture)) : "";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Describe(Physics.Statistics.BackgroundInput? b) => b switch
    {
        null => "no reference, no limits",
        { IsUpperBound: true } => FormattableString.Invariant($"b ∈ [0, {b.Upper:G6}] (an upper bound)"),
        _ => FormattableString.Invariant($"b = {b.Expected:G6} ± {b.Uncertainty:G6}"),
    };

    private static string Encode(string s) => WebUtility.HtmlEncode(s);
}
