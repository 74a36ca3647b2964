using System.Globalization;
using System.Text;
using System.Text.Json;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Results;

/// <summary>
/// Writes a finished campaign's summary.json, cutflow.csv and histograms.json, and with an analysis its efficiency.csv,
/// background.json and limits.csv (schema in docs/campaign-spec.md).
/// </summary>
public static class CampaignReport
{
    public const string Schema = "na64.campaign-summary/2";

    /// <summary>The tables of a finished campaign: summary.json, cutflow.csv, histograms.json and, with an analysis, its files.</summary>
    public static IReadOnlyList<ResultFile> Render(CampaignResult result, CampaignAnalysis? analysis = null)
    {
        List<ResultFile> files =
        [
            new("summary.json", SummaryJson(result, analysis)),
            new("cutflow.csv", Utf8.GetBytes(CutflowCsv(result.Samples))),
            new("histograms.json", HistogramsJson(result.Samples)),
        ];
        if (analysis is not null) files.AddRange(AnalysisReport.Render(result.CampaignId, analysis));
        return files;
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    public static byte[] SummaryJson(CampaignResult result, CampaignAnalysis? analysis = null)
    {
        var provenance = result.Provenance;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteStartObject("campaign");
            w.WriteString("id", result.CampaignId);
            w.WriteString("spec_hash", result.SpecHash);
            w.WriteString("conditions_version", provenance.ConditionsVersion);
            w.WriteString("conditions_id", provenance.ConditionsId);
            w.WriteString("conditions_hash", provenance.ConditionsHash);
            w.WriteString("input_digest", result.InputDigest);
            w.WriteNumber("input_files", result.InputFiles);
            w.WriteString("code_version", provenance.CodeVersion);
            w.WriteStartArray("seeds");
            foreach (var s in result.Samples)
            {
                if (s.FromFiles) continue;
                w.WriteStartObject();
                w.WriteString("sample", s.Name);
                w.WriteNumber("seed", s.Sample.Seed);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();

            long events = 0;
            foreach (var s in result.Samples) events += s.Summary.Events;
            // The reference exposure, never a sum over samples: a signal, hadron or dimuon event is not one electron on
            // target (each sample's equivalent exposure is in samples[]).
            var reference = SampleExposure.ReferenceSamples(result.Samples);
            w.WriteNumber("eot", analysis?.ReferenceEot ?? SampleExposure.ReferenceEot(result.Samples));
            w.WriteStartArray("eot_reference_samples");
            foreach (var s in reference) w.WriteStringValue(s.Name);
            w.WriteEndArray();
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
            var muonCuts = analysis?.ZPrime?.CutNames;
            var visibleCuts = analysis?.Visible is { } v ? VisibleSelection.Of(v.Parts[0].Setup).CutNames : null;
            foreach (var s in result.Samples)
            {
                w.WriteStartArray(s.Name);
                if (s.Sample.IsVisibleProgramme && visibleCuts is not null)
                {
                    // The visible programme's events pass its setup's cuts, each with its emission weight.
                    var flow = VisibleCutFlow.Of(s.Summary, visibleCuts);
                    for (var c = 0; c < visibleCuts.Count; c++)
                    {
                        w.WriteStartObject();
                        w.WriteString("cut", visibleCuts[c]);
                        w.WriteNumber("fraction", flow.FractionAfter(c));
                        w.WriteEndObject();
                    }
                }
                else if (s.Sample.IsMuonProgramme && muonCuts is not null)
                {
                    // The muon programme's events pass its setup's cuts, not the invisible chain's.
                    for (var c = 0; c < muonCuts.Count; c++)
                    {
                        w.WriteStartObject();
                        w.WriteString("cut", muonCuts[c]);
                        w.WriteNumber("events", s.Summary.MuonPassedAfter[c]);
                        w.WriteEndObject();
                    }
                }
                else
                {
                    for (var c = 0; c < CutNames.Count; c++)
                    {
                        w.WriteStartObject();
                        w.WriteString("cut", CutNames.All[c]);
                        w.WriteNumber("events", s.Summary.CutFlow[c]);
                        w.WriteEndObject();
                    }
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();

            w.WriteStartArray("samples");
            foreach (var s in result.Samples)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("kind", SampleDescriptor.KindName(s.Sample.Kind));
                w.WriteNumber("mass_mev", s.Sample.MassAPrimeMeV);
                w.WriteNumber("epsilon", s.Sample.Epsilon);
                w.WriteBoolean("from_files", s.FromFiles);
                w.WriteNumber("events", s.Summary.Events);
                w.WriteNumber("eot", s.Summary.Eot);
                if (analysis?.Exposures.FirstOrDefault(x => x.Sample == s.Name) is { } exposure)
                {
                    if (exposure.EquivalentEot is { } equivalent) w.WriteNumber("equivalent_eot", equivalent);
                    else w.WriteNull("equivalent_eot");
                    w.WriteString("exposure_basis", exposure.Basis);
                }
                w.WriteNumber("spills", s.Summary.Spills);
                EfficiencyTable? table = null;
                if (analysis is not null)
                    foreach (var (sample, t) in analysis.Efficiencies)
                        if (sample == s.Name) table = t;
                if (table is null) w.WriteNull("efficiency"); else AnalysisReport.WriteEfficiency(w, "efficiency", table);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartObject("checks");
            foreach (var s in result.Samples)
            {
                var values = Checks(s.Summary);
                if (values.Count == 0) continue;
                w.WriteStartObject(s.Name);
                foreach (var (key, value) in values) w.WriteNumber(key, value);
                w.WriteEndObject();
            }
            w.WriteEndObject();

            if (analysis?.ZPrime is { } zprime)
            {
                WriteZPrime(w, zprime);
            }
            else if (analysis?.Visible is { } visible)
            {
                WriteVisible(w, visible);
            }
            else if (analysis is not null)
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

    /// <summary>
    /// The visible programme's <c>visible</c> object: the setup, the band's EOT and N_up, and per exposure and mass the
    /// efficiency and the excluded band (limits.csv's numbers).
    /// </summary>
    private static void WriteVisible(Utf8JsonWriter w, VisibleReach v)
    {
        w.WriteStartObject("visible");
        w.WriteString("setup_id", v.Parts[0].Setup.Id);
        w.WriteNumber("eot", v.Inputs.Eot);
        w.WriteNumber("n_up", v.NUp);
        w.WriteStartObject("background");
        w.WriteString("method", VisibleKaonShortBackground.MethodName);
        w.WriteString("kind", v.Inputs.Background.KindName);
        w.WriteNumber("expected", v.Inputs.Background.Expected);
        w.WriteNumber("uncertainty", v.Inputs.Background.Uncertainty);
        if (v.Inputs.Background.IsUpperBound) w.WriteNumber("upper", v.Inputs.Background.Upper);
        w.WriteNumber("events", v.Parts[0].Backgrounds.Sum(b => b.Events));
        w.WriteEndObject();
        w.WriteStartArray("bands");
        foreach (var exposure in v.Bands)
            for (var i = 0; i < v.MassesMeV.Count; i++)
            {
                var b = exposure.PerMass[i];
                w.WriteStartObject();
                w.WriteNumber("mass_mev", v.MassesMeV[i]);
                w.WriteNumber("eot", exposure.Eot);
                w.WriteNumber("observed", exposure.Observed);
                w.WriteNumber("n_up", exposure.NUp);
                w.WriteNumber("efficiency", v.Parts[0].Flows[i].Efficiency);
                if (b.Excludes)
                {
                    w.WriteNumber("epsilon_low", b.Low);
                    w.WriteNumber("epsilon_high", b.High);
                }
                else
                {
                    w.WriteNull("epsilon_low");
                    w.WriteNull("epsilon_high");
                }
                w.WriteEndObject();
            }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// The muon programme's <c>zprime</c> object: the setup, the limit's MOT, observed count and background, and per mass
    /// the efficiency, the yield and g_90 at the MOT and at each projection (limits.csv's numbers).
    /// </summary>
    private static void WriteZPrime(Utf8JsonWriter w, ZPrimeReach z)
    {
        var inputs = z.Observed.Inputs;
        w.WriteStartObject("zprime");
        w.WriteString("setup_id", z.Setup.Id);
        w.WriteNumber("mot", inputs.Eot);
        w.WriteNumber("observed", inputs.Observed);
        w.WriteStartObject("background");
        w.WriteString("kind", inputs.Background.IsUpperBound ? "upper-bound" : "estimate");
        w.WriteNumber("expected", inputs.Background.Expected);
        w.WriteNumber("uncertainty", inputs.Background.Uncertainty);
        if (inputs.Background.IsUpperBound) w.WriteNumber("upper", inputs.Background.Upper);
        w.WriteEndObject();
        w.WriteStartArray("projected_mot");
        foreach (var p in z.Projections) w.WriteNumberValue(p.Inputs.Eot);
        w.WriteEndArray();
        w.WriteStartArray("limits");
        for (var i = 0; i < z.Signals.Count; i++)
        {
            var s = z.Signals[i];
            w.WriteStartObject();
            w.WriteNumber("mass_mev", s.MassMeV);
            w.WriteNumber("efficiency", s.Efficiency);
            w.WriteNumber("efficiency_error", s.EfficiencyUncertainty);
            w.WriteNumber("yield_per_mot_per_g2", s.YieldPerEot);
            Finite(w, "g90", z.Observed.Points[i].Epsilon90);
            w.WriteStartArray("g90_projected");
            foreach (var p in z.Projections)
            {
                var g = p.Points[i].Epsilon90;
                if (double.IsFinite(g)) w.WriteNumberValue(g); else w.WriteNullValue();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        static void Finite(Utf8JsonWriter w, string name, double x)
        {
            if (double.IsFinite(x)) w.WriteNumber(name, x); else w.WriteNull(name);
        }
    }

    /// <summary>The MC-truth checks of <c>na64 reco</c> for one sample (<see cref="PhysicsChecks"/>); those that do not apply are left out.</summary>
    public static IReadOnlyList<KeyValuePair<string, double>> Checks(EventSummary sample)
    {
        var c = PhysicsChecks.From(sample);
        var list = new List<KeyValuePair<string, double>>(4);
        if (c.MomentumResolution is { } r) list.Add(new("momentum_resolution", r));
        if (c.SrdElectronEfficiency is { } e) list.Add(new("srd_electron_efficiency", e));
        if (c.SrdHadronMisid is { } m) list.Add(new("srd_hadron_misid", m));
        if (c.EnergyClosure is { } x) list.Add(new("energy_closure", x));
        return list;
    }

    public static string CutflowCsv(IReadOnlyList<SampleResult> samples)
    {
        var sb = new StringBuilder("sample,cut,events,weighted\n");
        foreach (var (name, _, s, _) in samples)
            for (var c = 0; c < CutNames.Count; c++)
                sb.Append(CultureInfo.InvariantCulture, $"{name},{CutNames.All[c]},{s.CutFlow[c]},{FixedPointWeight.ToDouble(s.WeightedCutFlow[c]):R}\n");
        return sb.ToString();
    }

    public static byte[] HistogramsJson(IReadOnlyList<SampleResult> samples)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("schema", "na64.histograms/1");
            w.WriteStartObject("samples");
            foreach (var (name, _, s, _) in samples)
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
