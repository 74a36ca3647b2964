using System.Text;
using System.Text.Json;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Results;

namespace NA64.Reco.Cli.Reports;

/// <summary>
/// The result of <c>na64 reco</c>: merged and per-sample summaries, checks and quarantined inputs, as text or JSON. Its
/// EOT is the reference exposure (the data and beam files' headers), each sample's equivalent exposure beside it
/// (docs/physics.md §9, "Exposure").
/// </summary>
public sealed class RecoReport(DetectorConditions conditions)
{
    public const string Schema = "na64.reco/1";

    public string ConditionsId { get; } = conditions.Id;
    public EventSummary Total { get; } = new();
    /// <summary>Per sample name, by name.</summary>
    public SortedDictionary<string, EventSummary> Samples { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SampleDescriptor> _descriptors = new(StringComparer.Ordinal);
    public List<Quarantine> Quarantined { get; } = [];
    /// <summary>Inputs that could not be read (missing, unreadable, not a regular file): not format errors, and not counted.</summary>
    public List<Unreadable> Unreadable { get; } = [];

    /// <summary>A spill of the sample its header names.</summary>
    public void Add(SampleDescriptor sample, EventSummary spill)
    {
        Total.Merge(spill);
        if (!Samples.TryGetValue(sample.Name, out var s)) Samples[sample.Name] = s = new EventSummary();
        _descriptors.TryAdd(sample.Name, sample);
        s.Merge(spill);
    }

    private IReadOnlyList<SampleResult> Results() =>
        Samples.Select(kv => new SampleResult(kv.Key, _descriptors[kv.Key], kv.Value, FromFiles: true)).ToArray();

    /// <summary>The reference exposure: the EOT of the data and beam files, never of signal, hadron or dimuon files.</summary>
    public long ReferenceEot => SampleExposure.ReferenceEot(Results());

    private SampleExposure Exposure(string name) => SampleExposure.Of(new SampleResult(name, _descriptors[name], Samples[name], FromFiles: true), conditions);

    private static string Equivalent(SampleExposure e) =>
        e.EquivalentEot is { } eot ? FormattableString.Invariant($"equivalent EOT {eot:G6} ({e.Basis})") : $"no equivalent EOT ({e.Basis})";

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"conditions {ConditionsId}, code {CodeVersion.Value}");
        text.AppendLine(FormattableString.Invariant($"spills {Total.Spills}, EOT {ReferenceEot} (reference: data and beam files), events {Total.Events}, quarantined {Quarantined.Count}, unreadable {Unreadable.Count}"));
        foreach (var (name, s) in Samples)
        {
            text.AppendLine();
            text.AppendLine(FormattableString.Invariant($"sample {name}: EOT {s.Eot} (headers), events {s.Events}, {Equivalent(Exposure(name))}"));
            text.Append(CutFlowText.Format(s));
        }
        var checks = PhysicsChecks.From(Total);
        if (!checks.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("checks (MC truth):");
            if (checks.MomentumResolution is { } r) text.AppendLine(FormattableString.Invariant($"  momentum resolution σ_p/p     {r * 100:0.000} %"));
            if (checks.SrdElectronEfficiency is { } e) text.AppendLine(FormattableString.Invariant($"  SRD electron efficiency       {e:0.0000}"));
            if (SrdMisidEstimate.From(Total) is { } f)
            {
                text.AppendLine(f.Value > 0
                    ? FormattableString.Invariant($"  SRD hadron misidentification  {f.Value:0.00e+0} ± {f.Uncertainty:0.00e+0} (factorised over modules, {f.Hadrons} hadrons; 90% CL upper bound {f.UpperBound90:0.00e+0})")
                    : FormattableString.Invariant($"  SRD hadron misidentification  < {f.UpperBound90:0.00e+0} at 90% CL (factorised over modules, {f.Hadrons} hadrons)"));
                text.AppendLine(FormattableString.Invariant($"  SRD hadrons tagged (direct)   {Total.TruthHadronsSrdTagged} of {Total.TruthHadrons}"));
            }
            if (checks.EnergyClosure is { } c) text.AppendLine(FormattableString.Invariant($"  E_ECAL+E_HCAL within 3σ of E0 {c:0.0000}"));
        }
        foreach (var q in Quarantined) text.AppendLine($"quarantined: {q.File} at byte {q.Offset}: {q.Reason}");
        foreach (var u in Unreadable) text.AppendLine($"unreadable: {u.File}: {u.Reason}");
        return text.ToString();
    }

    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("schema", Schema);
        w.WriteString("conditions_version", ConditionsId);
        w.WriteString("code_version", CodeVersion.Value);
        w.WriteNumber("eot", ReferenceEot);
        w.WriteNumber("spills", Total.Spills);
        w.WriteNumber("events", Total.Events);
        w.WritePropertyName("cutflow");
        SummaryJson.WriteCutFlow(w, Total);
        w.WriteStartArray("samples");
        foreach (var (name, s) in Samples)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteNumber("eot", s.Eot);
            var exposure = Exposure(name);
            if (exposure.EquivalentEot is { } equivalent) w.WriteNumber("equivalent_eot", equivalent);
            else w.WriteNull("equivalent_eot");
            w.WriteString("exposure_basis", exposure.Basis);
            w.WriteNumber("events", s.Events);
            w.WritePropertyName("cutflow");
            SummaryJson.WriteCutFlow(w, s);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WritePropertyName("checks");
        SummaryJson.WriteChecks(w, PhysicsChecks.From(Total), SrdMisidEstimate.From(Total));
        w.WriteStartArray("quarantined");
        foreach (var q in Quarantined)
        {
            w.WriteStartObject();
            w.WriteString("file", q.File);
            w.WriteNumber("offset", q.Offset);
            w.WriteString("reason", q.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("unreadable");
        foreach (var u in Unreadable)
        {
            w.WriteStartObject();
            w.WriteString("file", u.File);
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
