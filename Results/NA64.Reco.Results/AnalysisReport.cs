using System.Globalization;
using System.Text;
using System.Text.Json;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Results;

/// <summary>
/// Writes the analysis products (docs/campaign-spec.md "Results"): the efficiency, background and limits sections of
/// summary.json, and efficiency.csv, background.json, limits.csv. Non-finite numbers (no sensitivity, undefined
/// estimate) are written as JSON null and as empty CSV fields.
/// </summary>
public static class AnalysisReport
{
    public const string BackgroundSchema = "na64.background/1";

    /// <summary>efficiency.csv, background.json, limits.csv and background.csv.</summary>
    public static IReadOnlyList<ResultFile> Render(string campaignId, CampaignAnalysis analysis)
    {
        var utf8 = new UTF8Encoding(false);
        return
        [
            new("efficiency.csv", utf8.GetBytes(EfficiencyCsv(analysis))),
            new("background.json", BackgroundJson(campaignId, analysis)),
            new("limits.csv", utf8.GetBytes(LimitsCsv(analysis))),
            new("background.csv", utf8.GetBytes(BackgroundCsv(analysis))),
        ];
    }

    /// <summary>The object of <c>samples[].efficiency</c>.</summary>
    public static void WriteEfficiency(Utf8JsonWriter w, string property, EfficiencyTable t)
    {
        w.WriteStartObject(property);
        w.WriteNumber("mass_mev", t.MassMeV);
        w.WriteNumber("eot", t.Eot);
        Number(w, "yield_per_eot", t.YieldPerEot);
        Number(w, "signal_efficiency", t.SignalEfficiency);
        Number(w, "signal_efficiency_error", t.SignalEfficiencyUncertainty);
        w.WriteStartArray("cuts");
        foreach (var r in t.Rows)
        {
            w.WriteStartObject();
            w.WriteString("cut", r.Cut);
            w.WriteNumber("events", r.Events);
            Number(w, "sum_weights", r.SumWeights);
            Number(w, "efficiency", r.Efficiency);
            Number(w, "lower", r.Lower);
            Number(w, "upper", r.Upper);
            Number(w, "step_efficiency", r.StepEfficiency);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The <c>background</c> object (also the body of background.json).</summary>
    public static void WriteBackground(Utf8JsonWriter w, CampaignAnalysis a)
    {
        if (a.ReferenceKind is null) w.WriteNull("reference"); else w.WriteString("reference", a.ReferenceKind);
        w.WriteStartArray("reference_samples");
        foreach (var s in a.ReferenceSamples) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteNumber("eot", a.ReferenceEot);
        w.WriteNumber("observed", a.Observed);
        if (a.Abcd is null) w.WriteNull("abcd");
        else Estimate(w, "abcd", a.Abcd);
        w.WriteStartArray("sources");
        foreach (var row in BackgroundRows(a))
        {
            w.WriteStartObject();
            for (var c = 0; c < BackgroundColumns.Count; c++)
            {
                var name = BackgroundColumns[c];
                switch (row[c])
                {
                    case double d: Number(w, name, d); break;
                    case long l: w.WriteNumber(name, l); break;
                    case null: w.WriteNull(name); break;
                    case var v: w.WriteString(name, v.ToString()); break;
                }
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("mc");
        foreach (var m in a.McSources)
        {
            w.WriteStartObject();
            w.WriteString("sample", m.Sample);
            w.WriteNumber("equivalent_eot", m.EquivalentEot);
            w.WriteString("exposure_basis", m.ExposureBasis);
            Estimate(w, "total", m.Total);
            w.WriteStartArray("sources");
            foreach (var s in m.Sources)
            {
                w.WriteStartObject();
                w.WriteString("source", s.Regions[0].Name);
                w.WriteNumber("count", s.Regions[0].Count);
                Number(w, "expected", s.Expected);
                Number(w, "stat", s.StatUncertainty);
                Number(w, "upper_bound", s.UpperBound);
                Number(w, "equivalent_eot", s.EquivalentEot);
                Number(w, "per_1e11_eot", Per1e11Eot(s, a.ReferenceEot));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("for_limits");
        w.WriteString("method", a.LimitBackgroundMethod);
        var forLimits = a.Inputs?.Background ?? BackgroundInput.None;
        Number(w, "expected", forLimits.Expected);
        Number(w, "uncertainty", Uncertainty(forLimits));
        w.WriteString("kind", forLimits.KindName);
        Number(w, "upper", forLimits.Upper);
        w.WriteEndObject();
    }

    /// <summary>The <c>limits</c> list of the summary: the observed limit per mass.</summary>
    public static void WriteLimits(Utf8JsonWriter w, CampaignAnalysis a)
    {
        w.WriteStartArray("limits");
        if (a.Limits is not null) Points(w, a.Limits);
        w.WriteEndArray();
        w.WriteStartObject("limit_inputs");
        if (a.Inputs is { } i)
        {
            w.WriteString("method", MethodName(i.Method));
            w.WriteNumber("cl", i.ConfidenceLevel);
            w.WriteNumber("observed", i.Observed);
            Background(w, i.Background);
            w.WriteString("background_method", a.LimitBackgroundMethod);
            w.WriteNumber("eot", i.Eot);
            // Per mass in the limits list; "flat" when the spec replaced the theory systematic by one value.
            w.WriteString("signal_prior", i.EffectiveSignalPrior == SignalScalePrior.LogNormal ? "lognormal" : "gaussian");
            w.WriteString("yield_uncertainty_model", a.YieldUncertaintyModel);
            if (a.YieldUncertaintyModel == "flat") w.WriteNumber("yield_relative_uncertainty", i.YieldRelativeUncertainty);
            w.WriteNumber("eot_relative_uncertainty", i.EotRelativeUncertainty);
            // The convention of the y_90 values: y = ε² α_D (m_χ/m_A')⁴ with m_A' = 3 m_χ.
            w.WriteStartObject("dark_matter");
            w.WriteNumber("m_aprime_over_m_chi", LightDarkMatter.MassRatio);
            w.WriteStartArray("alpha_d");
            foreach (var alphaD in LightDarkMatter.AlphaD) w.WriteNumberValue(alphaD);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartArray("projected_limits");
        foreach (var p in a.Projections)
        {
            w.WriteStartObject();
            w.WriteNumber("eot", p.Inputs.Eot);
            w.WriteNumber("observed", p.Inputs.Observed);
            Background(w, p.Inputs.Background);
            w.WriteStartArray("limits");
            Points(w, p);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("skipped_projections");
        foreach (var eot in a.SkippedProjections) w.WriteNumberValue(eot);
        w.WriteEndArray();
    }

    /// <summary>The columns of efficiency.csv, and of the command host's <c>campaign efficiency</c>.</summary>
    public static IReadOnlyList<string> EfficiencyColumns { get; } =
        ["sample", "mass_mev", "eot", "yield_per_eot", "cut", "events", "sum_weights", "efficiency", "lower", "upper", "step_efficiency"];

    /// <summary>One row per signal sample and cut: strings, integers and doubles (non-finite: no value).</summary>
    public static IEnumerable<object?[]> EfficiencyRows(CampaignAnalysis a)
    {
        foreach (var (name, t) in a.Efficiencies)
            foreach (var r in t.Rows)
                yield return [name, t.MassMeV, t.Eot, t.YieldPerEot, r.Cut, r.Events, r.SumWeights, r.Efficiency, r.Lower, r.Upper, r.StepEfficiency];
    }

    /// <summary>
    /// The columns of background.csv, of background.json's <c>sources</c> and of the command host's
    /// <c>campaign background</c> source table: one row per source of the campaign's <see cref="BackgroundTable"/>, then
    /// "total". expected, stat, syst and upper_bound are for the campaign's exposure; the per_1e11 columns per 10¹¹ EOT
    /// (an upper bound's row has its bound in per_1e11_eot). The mc_truth and sideband columns give both methods; method
    /// says which the row takes. bounds_not_in_total (total row) sums the bounds of the sources the MC saw none of.
    /// </summary>
    public static IReadOnlyList<string> BackgroundColumns { get; } =
    [
        "source", "samples", "method", "mc_count", "source_equivalent_eot", "expected", "stat", "syst", "upper_bound", "per_1e11_eot", "per_1e11_stat",
        "per_1e11_syst", "mc_truth_expected", "mc_truth_stat", "mc_truth_upper_bound", "sideband_region", "sideband_share", "sideband_expected",
        "sideband_stat", "sideband_syst", "sideband_upper_bound", "bounds_not_in_total",
    ];

    public static IEnumerable<object?[]> BackgroundRows(CampaignAnalysis a)
    {
        if (a.Backgrounds is not { } table) yield break;
        var per = 1e11 / table.ReferenceEot;
        foreach (var r in table.Rows)
        {
            var e = r.Estimate;
            var sb = r.Sideband?.Estimate;
            yield return
            [
                r.Source, string.Join(' ', r.Samples), r.Method, r.McTruth.Regions[0].Count, r.McTruth.EquivalentEot, e.Expected, e.StatUncertainty, e.SystUncertainty,
                e.UpperBound, Per1e11Eot(e, table.ReferenceEot), e.StatUncertainty * per, e.SystUncertainty * per, r.McTruth.Expected, r.McTruth.StatUncertainty,
                r.McTruth.UpperBound, r.Sideband?.Region, r.Sideband?.Share ?? double.NaN, sb?.Expected ?? double.NaN, sb?.StatUncertainty ?? double.NaN,
                sb?.SystUncertainty ?? double.NaN, sb?.UpperBound ?? double.NaN, double.NaN,
            ];
        }
        var t = table.Total;
        yield return
        [
            "total", string.Join(' ', table.Rows.SelectMany(r => r.Samples).Distinct(StringComparer.Ordinal)), t.Method, t.Regions.Sum(x => x.Count), double.NaN,
            t.Expected, t.StatUncertainty, t.SystUncertainty, t.UpperBound, Per1e11Eot(t, table.ReferenceEot), t.StatUncertainty * per, t.SystUncertainty * per,
            double.NaN, double.NaN, double.NaN, null, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, table.BoundsNotInTotal,
        ];
    }

    public static string BackgroundCsv(CampaignAnalysis a) => Csv(BackgroundColumns, BackgroundRows(a));

    /// <summary>
    /// The columns of the command host's <c>campaign background</c> MC-truth table: per simulated background sample, each
    /// source and then the sample's total ("total"), as in background.json's <c>mc</c>.
    /// </summary>
    public static IReadOnlyList<string> McSourceColumns { get; } =
        ["sample", "equivalent_eot", "exposure_basis", "source", "count", "expected", "stat", "upper_bound", "source_equivalent_eot", "per_1e11_eot"];

    public static IEnumerable<object?[]> McSourceRows(CampaignAnalysis a)
    {
        foreach (var m in a.McSources)
        {
            foreach (var s in m.Sources)
                yield return [m.Sample, m.EquivalentEot, m.ExposureBasis, s.Regions[0].Name, s.Regions[0].Count, s.Expected, s.StatUncertainty, s.UpperBound, s.EquivalentEot, Per1e11Eot(s, a.ReferenceEot)];
            yield return [m.Sample, m.EquivalentEot, m.ExposureBasis, "total", m.Total.Regions.Sum(r => r.Count), m.Total.Expected, m.Total.StatUncertainty, m.Total.UpperBound,
                m.Total.EquivalentEot, Per1e11Eot(m.Total, a.ReferenceEot)];
        }
    }

    /// <summary>An estimate per 10¹¹ EOT of the reference exposure: its expectation, or its upper bound when it is one.</summary>
    private static double Per1e11Eot(BackgroundEstimate e, double referenceEot) => (e.IsUpperBound ? e.UpperBound : e.Expected) * 1e11 / referenceEot;

    /// <summary>The columns of limits.csv, and of the command host's <c>campaign limits</c>.</summary>
    public static IReadOnlyList<string> LimitColumns { get; } =
    [
        "kind", "method", "eot", "observed", "background", "background_uncertainty", "mass_mev", "n_up", "epsilon_90", "background_kind",
        "background_upper", "m_chi_mev", .. LightDarkMatter.AlphaD.Select(LightDarkMatter.Name), "yield_relative_uncertainty",
        "signal_relative_uncertainty",
    ];

    /// <summary>Observed rows (kind "observed") then each projection (kind "projected").</summary>
    public static IEnumerable<object?[]> LimitRows(CampaignAnalysis a)
    {
        var tables = new List<(string, LimitTable)>();
        if (a.Limits is not null) tables.Add(("observed", a.Limits));
        foreach (var p in a.Projections) tables.Add(("projected", p));
        foreach (var (kind, t) in tables)
        {
            var i = t.Inputs;
            foreach (var p in t.Points)
            {
                object?[] row =
                [
                    kind, MethodName(i.Method), i.Eot, i.Observed, i.Background.Expected, Uncertainty(i.Background), p.MassMeV, p.NUp, p.Epsilon90,
                    i.Background.KindName, i.Background.Upper, p.MassChiMeV, .. LightDarkMatter.AlphaD.Select(alphaD => (object?)p.Y90(alphaD)),
                    p.YieldRelativeUncertainty, p.SignalRelativeUncertainty,
                ];
                yield return row;
            }
        }
    }

    public static string EfficiencyCsv(CampaignAnalysis a) => Csv(EfficiencyColumns, EfficiencyRows(a));

    public static string LimitsCsv(CampaignAnalysis a) => Csv(LimitColumns, LimitRows(a));

    internal static string Csv(IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder().AppendJoin(',', columns).Append('\n');
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0) sb.Append(',');
                sb.Append(row[c] switch
                {
                    double d => F(d),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    var other => other?.ToString() ?? "",
                });
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static byte[] BackgroundJson(string campaignId, CampaignAnalysis a)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", BackgroundSchema);
            w.WriteString("campaign", campaignId);
            WriteBackground(w, a);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The name used by <c>--method</c> and in the outputs.</summary>
    public static string MethodName(LimitMethod m) => m switch
    {
        LimitMethod.Cls => "cls",
        LimitMethod.FeldmanCousins => "fc",
        LimitMethod.Classical => "classical",
        _ => m.ToString().ToLowerInvariant(),
    };

    /// <summary>background, background_uncertainty (null for a bound: it has no Gaussian width), background_kind, background_upper.</summary>
    private static void Background(Utf8JsonWriter w, BackgroundInput b)
    {
        Number(w, "background", b.Expected);
        Number(w, "background_uncertainty", Uncertainty(b));
        w.WriteString("background_kind", b.KindName);
        Number(w, "background_upper", b.Upper);
    }

    private static double Uncertainty(BackgroundInput b) => b.IsUpperBound ? double.NaN : b.Uncertainty;

    private static void Points(Utf8JsonWriter w, LimitTable t)
    {
        foreach (var p in t.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("mass_mev", p.MassMeV);
            Number(w, "n_up", p.NUp);
            Number(w, "epsilon_90", p.Epsilon90);
            w.WriteNumber("m_chi_mev", p.MassChiMeV);
            foreach (var alphaD in LightDarkMatter.AlphaD) Number(w, LightDarkMatter.Name(alphaD), p.Y90(alphaD));
            w.WriteNumber("yield_relative_uncertainty", p.YieldRelativeUncertainty);
            w.WriteNumber("signal_relative_uncertainty", p.SignalRelativeUncertainty);
            w.WriteEndObject();
        }
    }

    private static void Estimate(Utf8JsonWriter w, string property, BackgroundEstimate e)
    {
        w.WriteStartObject(property);
        w.WriteString("method", e.Method);
        w.WriteBoolean("defined", e.IsDefined);
        Number(w, "expected", e.Expected);
        Number(w, "stat", e.StatUncertainty);
        Number(w, "syst", e.SystUncertainty);
        Number(w, "total", e.TotalUncertainty);
        Number(w, "upper_bound", e.UpperBound);
        w.WriteStartArray("regions");
        foreach (var r in e.Regions)
        {
            w.WriteStartObject();
            w.WriteString("name", r.Name);
            w.WriteNumber("count", r.Count);
            w.WriteString("definition", r.Definition);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value)) w.WriteNumber(name, value);
        else w.WriteNull(name);
    }

    private static string F(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
