using System.Globalization;
using System.Text;
using System.Text.Json;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Results;

/// <summary>
/// Writes a finished campaign's summary.json, cutflow.csv and histograms.json, and with an analysis its efficiency.csv,
/// background.json and limits.csv (schema in docs/campaign-spec.md).
/// </summary>
public static class CampaignReport
{
    public const string Schema = "na64.campaign-summary/2";

    /// <summary>The tables of a finished campaign: summary.json, cutflow.csv, histograms.json and, with an analysis, its files.</summary>
    public static IReadOnlyList<ResultFile> Render(CampaignPlan plan, CampaignFinished result, CampaignProvenance provenance, ICampaignChecks? checks,
        CampaignAnalysis? analysis = null)
    {
        List<ResultFile> files =
        [
            new("summary.json", SummaryJson(plan, result, provenance, checks, analysis)),
            new("cutflow.csv", Utf8.GetBytes(CutflowCsv(result))),
            new("histograms.json", HistogramsJson(result)),
        ];
        if (analysis is not null) files.AddRange(AnalysisReport.Render(plan.CampaignId, analysis));
        return files;
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    public static byte[] SummaryJson(CampaignPlan plan, CampaignFinished result, CampaignProvenance provenance, ICampaignChecks? checks,
        CampaignAnalysis? analysis = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("campaign");
            w.WriteString("id", plan.CampaignId);
            w.WriteString("spec_hash", plan.SpecHash);
            w.WriteString("conditions_version", provenance.ConditionsVersion);
            w.WriteString("conditions_id", provenance.ConditionsId);
            w.WriteString("conditions_hash", provenance.ConditionsHash);
            w.WriteString("input_digest", plan.InputDigest);
            w.WriteNumber("input_files", plan.Inputs.Count);
            w.WriteString("code_version", provenance.CodeVersion);
            w.WriteStartArray("seeds");
            foreach (var s in plan.Spec.Samples)
            {
                w.WriteStartObject();
                w.WriteString("sample", s.Name);
                w.WriteNumber("seed", s.Seed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            long eot = 0, events = 0;
            foreach (var s in result.Samples.Values)
            {
                eot += s.Eot;
                events += s.Events;
            }
            w.WriteNumber("eot", eot);
            w.WriteStartObject("events");
            w.WriteNumber("processed", events);
            w.WriteNumber("quarantined", result.QuarantinedEvents);
            w.WriteEndObject();

            w.WriteStartObject("spills");
            w.WriteNumber("total", result.TotalSpills);
            w.WriteNumber("done", result.DoneSpills);
            w.WriteStartArray("quarantined");
            foreach (var q in result.Quarantined)
            {
                w.WriteStartObject();
                w.WriteString("spill", q.SpillId);
                w.WriteString("file", q.File);
                w.WriteNumber("offset", q.Offset);
                w.WriteString("reason", q.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("cutflow");
            foreach (var (name, s) in result.Samples)
            {
                w.WriteStartArray(name);
                for (var c = 0; c < CutNames.Count; c++)
                {
                    w.WriteStartObject();
                    w.WriteString("cut", CutNames.All[c]);
                    w.WriteNumber("events", s.CutFlow[c]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();

            w.WriteStartArray("samples");
            foreach (var (name, s) in result.Samples)
            {
                var spec = plan.Spec.Samples.FirstOrDefault(x => x.Name == name);
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("kind", (spec?.Kind ?? SampleKind.Data).ToString().ToLowerInvariant());
                w.WriteNumber("mass_mev", spec?.MassMeV ?? 0);
                w.WriteNumber("epsilon", spec?.Epsilon ?? 0);
                w.WriteNumber("events", s.Events);
                w.WriteNumber("eot", s.Eot);
                w.WriteNumber("spills", s.Spills);
                EfficiencyTable? table = null;
                if (analysis is not null)
                    foreach (var (sample, t) in analysis.Efficiencies)
                        if (sample == name) table = t;
                if (table is null) w.WriteNull("efficiency"); else AnalysisReport.WriteEfficiency(w, "efficiency", table);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("checks");
            if (checks is not null)
            {
                foreach (var (name, s) in result.Samples)
                {
                    var values = checks.Of(s);
                    if (values.Count == 0) continue;
                    w.WriteStartObject(name);
                    foreach (var (key, value) in values) w.WriteNumber(key, value);
                    w.WriteEndObject();
                }
            }
            w.WriteEndObject();

            if (analysis is not null)
            {
                w.WriteStartObject("background");
                AnalysisReport.WriteBackground(w, analysis);
                w.WriteEndObject();
                AnalysisReport.WriteLimits(w, analysis);
            }
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string CutflowCsv(CampaignFinished result)
    {
        var sb = new StringBuilder("sample,cut,events,weighted\n");
        foreach (var (name, s) in result.Samples)
            for (var c = 0; c < CutNames.Count; c++)
                sb.Append(CultureInfo.InvariantCulture, $"{name},{CutNames.All[c]},{s.CutFlow[c]},{FixedPointWeight.ToDouble(s.WeightedCutFlow[c]):R}\n");
        return sb.ToString();
    }

    public static byte[] HistogramsJson(CampaignFinished result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", "na64.histograms/1");
            w.WriteStartObject("samples");
            foreach (var (name, s) in result.Samples)
            {
                w.WriteStartArray(name);
                Write1D(w, s.Momentum);
                Write1D(w, s.SrdEnergy);
                Write1D(w, s.MomentumResidual);
                Write2D(w, s.EcalVsHcal);
                Write2D(w, s.EcalVsHcalAll);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Write1D(Utf8JsonWriter w, Histogram1D h)
    {
        w.WriteStartObject();
        w.WriteString("name", h.Name);
        w.WriteNumber("dimensions", 1);
        Axis(w, "x", h);
        w.WriteString("layout", "counts[0] underflow, counts[1..bins] bins, counts[bins+1] overflow");
        Counts(w, h.Counts);
        w.WriteEndObject();
    }

    private static void Write2D(Utf8JsonWriter w, Histogram2D h)
    {
        w.WriteStartObject();
        w.WriteString("name", h.Name);
        w.WriteNumber("dimensions", 2);
        Axis(w, "x", h.X);
        Axis(w, "y", h.Y);
        w.WriteString("layout", "counts[binY * (binsX + 2) + binX], bins 0 and n+1 are under/overflow");
        Counts(w, h.Counts);
        w.WriteEndObject();
    }

    private static void Axis(Utf8JsonWriter w, string name, Histogram1D h)
    {
        w.WriteStartObject(name);
        w.WriteString("title", h.Axis);
        w.WriteNumber("bins", h.Bins);
        w.WriteNumber("min", h.Min);
        w.WriteNumber("max", h.Max);
        w.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter w, long[] counts)
    {
        w.WriteStartArray("counts");
        foreach (var c in counts) w.WriteNumberValue(c);
        w.WriteEndArray();
    }
}
