using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// A campaign as written in its spec file (docs/campaign-spec.md): raw files or folders to reprocess,
/// or MC samples to simulate and reconstruct, with conditions, chunk size and the choices of its analysis.
/// </summary>
public sealed partial record CampaignSpec
{
    public required string Id { get; init; }
    /// <summary>
    /// The campaign's setup: a built-in setup's name (<c>invisible-2016</c>) or a setup or conditions file, absolute or
    /// relative to the spec (the spec's <c>setup</c> or <c>conditions</c>); null for the node's own conditions. The
    /// submitter resolves it (docs/setups.md).
    /// </summary>
    public string? ConditionsPath { get; init; }
    /// <summary>
    /// The key the spec gave <see cref="ConditionsPath"/> under, <c>setup</c> or <c>conditions</c>: what an error about
    /// it names. Not part of the hash: both keys name the same thing.
    /// </summary>
    public string ConditionsKey { get; private init; } = ConditionsField;
    public int ChunkSize { get; init; } = 5000;
    public int SnapshotEvery { get; init; } = 20;
    /// <summary>Raw spill files or folders (absolute, or relative to the spec file).</summary>
    public IReadOnlyList<string> Raw { get; init; } = [];
    public IReadOnlyList<SampleSpec> Samples { get; init; } = [];
    /// <summary>Limit method, systematics and projections of the campaign's analysis: part of what the campaign is, so part of its hash.</summary>
    public CampaignAnalysisOptions Analysis { get; init; } = new();

    /// <summary>SHA-256 of <see cref="Canonical"/>: the provenance key of every result, and of the journal.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical())));

    /// <summary>The spec with defaults filled in, fixed key order and invariant numbers: equal specs, equal text.</summary>
    public string Canonical()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            if (ConditionsPath is null) w.WriteNull("conditions"); else w.WriteString("conditions", ConditionsPath);
            w.WriteNumber("chunk_size", ChunkSize);
            w.WriteNumber("snapshot_every", SnapshotEvery);
            w.WriteStartObject("inputs");
            w.WriteStartArray("raw");
            foreach (var r in Raw) w.WriteStringValue(r);
            w.WriteEndArray();
            w.WriteStartArray("samples");
            foreach (var s in Samples)
            {
                w.WriteStartObject();
                w.WriteString("sample", s.Kind.ToString().ToLowerInvariant());
                // "R" round-trips the double: two specs hash equal only if their numbers are equal.
                w.WriteString("mass_mev", s.MassMeV.ToString("R", CultureInfo.InvariantCulture));
                w.WriteString("epsilon", s.Epsilon.ToString("R", CultureInfo.InvariantCulture));
                // Only when biased, so that every unbiased spec keeps the hash it always had.
                if (s.Bias != 1) w.WriteString("bias", s.Bias.ToString("R", CultureInfo.InvariantCulture));
                w.WriteNumber("spills", s.Spills);
                w.WriteNumber("events_per_spill", s.EventsPerSpill);
                w.WriteNumber("seed", s.Seed);
                w.WriteNumber("run", s.Run);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            // Written only when it differs from the default, so that a spec without one keeps the hash it always had.
            if (!IsDefault(Analysis))
            {
                w.WriteStartObject("analysis");
                w.WriteString("method", MethodName(Analysis.Method));
                w.WriteString("signal_prior", PriorName(Analysis.SignalPrior));
                w.WriteString("eot_uncertainty", Analysis.EotRelativeUncertainty.ToString("R", CultureInfo.InvariantCulture));
                if (Analysis.YieldRelativeUncertainty is { } flat) w.WriteString("yield_uncertainty", flat.ToString("R", CultureInfo.InvariantCulture));
                w.WriteStartArray("projected_eot");
                foreach (var eot in Analysis.ProjectedEot) w.WriteStringValue(eot.ToString("R", CultureInfo.InvariantCulture));
                w.WriteEndArray();
                w.WriteString("max_projected_background", Analysis.MaxProjectedBackground.ToString("R", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Checks that every input of the spec runs on <paramref name="setup"/>'s programme: the invisible programme's raw
    /// files and samples on an invisible setup, the muon programme's samples (<c>muon</c>, <c>zprime</c>) on a muon
    /// setup, the visible programme's (<c>x</c>) on a visible one; and that a muon or visible campaign gives none of the
    /// analysis options only the invisible programme takes. A mismatch is a <see cref="CampaignSpecException"/> naming
    /// the input or option, from <paramref name="source"/>.
    /// </summary>
    public void CheckProgramme(Setup setup, string source)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var programme = setup.Programme.ToString().ToLowerInvariant();
        if (setup.Programme != SetupProgramme.Invisible && IgnoredAnalysisOption() is { } ignored)
            throw new CampaignSpecException(source, "analysis." + ignored, $"a {programme}-programme campaign takes only 'method' and 'signal_prior' of the analysis: its exposure's uncertainty and projections are its setup's (exposure.relativeUncertainty, signal.projectedExposures), its yield's uncertainty its model's, and it subtracts no projected background");
        if (setup.Programme != SetupProgramme.Invisible && Raw.Count > 0)
            throw new CampaignSpecException(source, "inputs.raw", $"setup '{setup.Name}' is of the {programme} programme, which reads no raw files here: its campaigns simulate {SamplesOf(setup.Programme)} samples");
        // The band is solved per X mass: background samples alone would give a campaign of empty tables.
        if (setup.Programme == SetupProgramme.Visible && Samples.Count > 0 && Samples.All(s => s.Kind != SampleKind.X)
            && Samples.All(s => s.Descriptor.IsVisibleProgramme))
            throw new CampaignSpecException(source, "inputs.samples", $"a visible-programme campaign needs at least one 'x' sample: its band is solved per X mass, and its K0S samples are that band's background");
        for (var i = 0; i < Samples.Count; i++)
        {
            var sample = Samples[i].Descriptor;
            var of = sample.IsMuonProgramme ? SetupProgramme.Muon : sample.IsVisibleProgramme ? SetupProgramme.Visible : SetupProgramme.Invisible;
            if (of == setup.Programme) continue;
            var kind = SampleDescriptor.KindName(Samples[i].Kind);
            throw new CampaignSpecException(source, $"inputs.samples[{i}].sample", of == SetupProgramme.Invisible
                ? $"'{kind}' is a sample of the invisible programme; setup '{setup.Name}' is of the {programme} programme, whose samples are {SamplesOf(setup.Programme)}"
                : $"'{kind}' is a sample of the {of.ToString().ToLowerInvariant()} programme; it needs a {of.ToString().ToLowerInvariant()}-programme setup (\"setup\": \"{(of == SetupProgramme.Muon ? SetupCatalog.Na64Mu2022 : SetupCatalog.Visible2018)}\"), not '{setup.Name}'");
        }
    }

    /// <summary>The first analysis option given that only the invisible programme's analysis takes (its spec key), or null.</summary>
    private string? IgnoredAnalysisOption()
    {
        var d = new CampaignAnalysisOptions();
        if (!Analysis.EotRelativeUncertainty.Equals(d.EotRelativeUncertainty)) return "eot_uncertainty";
        if (Analysis.YieldRelativeUncertainty is not null) return "yield_uncertainty";
        if (!Analysis.ProjectedEot.SequenceEqual(d.ProjectedEot)) return "projected_eot";
        if (!Analysis.MaxProjectedBackground.Equals(d.MaxProjectedBackground)) return "max_projected_background";
        return null;
    }

    private static string SamplesOf(SetupProgramme programme) => programme switch
    {
        SetupProgramme.Muon => "'muon' and 'zprime'",
        SetupProgramme.Visible => "'x', 'k0s-pi0pi0' and 'k0s-pipi'",
        _ => "'beam', 'hadron', 'kaon', 'electron', 'signal' and 'dimuon'",
    };

    /// <summary>The spec's two keys for <see cref="ConditionsPath"/>.</summary>
    public const string SetupField = "setup", ConditionsField = "conditions";

    /// <summary>Samples of one campaign at most (each is a row of every table).</summary>
    public const int MaxSamples = 1000;

    /// <summary>The spec as a spec file writes it: <see cref="Parse"/> of this text gives an equal spec (same <see cref="Hash"/>).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("id", Id);
            if (ConditionsPath is not null) w.WriteString(ConditionsKey, ConditionsPath);
            w.WriteNumber("chunk_size", ChunkSize);
            w.WriteNumber("snapshot_every", SnapshotEvery);
            w.WriteStartObject("inputs");
            if (Raw.Count > 0)
            {
                w.WriteStartArray("raw");
                foreach (var r in Raw) w.WriteStringValue(r);
                w.WriteEndArray();
            }
            if (Samples.Count > 0)
            {
                w.WriteStartArray("samples");
                foreach (var s in Samples)
                {
                    w.WriteStartObject();
                    w.WriteString("sample", SampleDescriptor.KindName(s.Kind));
                    if (s.Kind is SampleKind.Signal or SampleKind.ZPrime or SampleKind.X) w.WriteNumber("mass_mev", s.MassMeV);
                    if (s.Kind == SampleKind.Signal) w.WriteNumber("epsilon", s.Epsilon);
                    if (s.Bias != 1) w.WriteNumber("bias", s.Bias);
                    w.WriteNumber("spills", s.Spills);
                    w.WriteNumber("events_per_spill", s.EventsPerSpill);
                    w.WriteNumber("seed", s.Seed);
                    w.WriteNumber("run", s.Run);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            if (!IsDefault(Analysis))
            {
                w.WriteStartObject("analysis");
                w.WriteString("method", MethodName(Analysis.Method));
                w.WriteString("signal_prior", PriorName(Analysis.SignalPrior));
                w.WriteNumber("eot_uncertainty", Analysis.EotRelativeUncertainty);
                if (Analysis.YieldRelativeUncertainty is { } flat) w.WriteNumber("yield_uncertainty", flat);
                w.WriteStartArray("projected_eot");
                foreach (var eot in Analysis.ProjectedEot) w.WriteNumberValue(eot);
                w.WriteEndArray();
                w.WriteNumber("max_projected_background", Analysis.MaxProjectedBackground);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static CampaignSpec Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CampaignSpecException(path, "(file)", Directory.Exists(path) ? "is a folder, not a spec file" : ex.Message);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates; every error names its field.</summary>
    public static CampaignSpec Parse(ReadOnlySpan<byte> json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CampaignSpecException(source, "(json)", ex.Message);
        }
        using (doc)
        {
            var root = doc.RootElement;
            // A key given twice would silently take one of the values ("spills": 2, "spills": 200000): refused, by name.
            if (DuplicateKey(root, "") is { } duplicate) throw new CampaignSpecException(source, duplicate, "given twice");
            if (root.ValueKind != JsonValueKind.Object) throw new CampaignSpecException(source, "(root)", "must be a JSON object");
            CheckKeys(source, "", root, "id", "setup", "conditions", "chunk_size", "snapshot_every", "inputs", "analysis");
            var id = RequiredString(source, root, "id");
            if (!IdPattern().IsMatch(id))
                throw new CampaignSpecException(source, "id", $"'{id}' must be 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
            var conditions = root.TryGetProperty(ConditionsField, out var c) && c.ValueKind != JsonValueKind.Null ? StringOf(source, ConditionsField, c) : null;
            var conditionsKey = ConditionsField;
            // "setup" and "conditions" name the same thing (a setup names its conditions; a conditions file is the
            // invisible setup): one of them, so the spec, its canonical form and its hash say it once.
            if (root.TryGetProperty("setup", out var su) && su.ValueKind != JsonValueKind.Null)
            {
                if (conditions is not null) throw new CampaignSpecException(source, SetupField, "give the setup or the conditions, not both: a setup names its conditions");
                conditions = StringOf(source, SetupField, su);
                conditionsKey = SetupField;
            }
            var chunkSize = OptionalInt(source, root, "chunk_size", 5000, 1, 10_000_000);
            var snapshotEvery = OptionalInt(source, root, "snapshot_every", 20, 1, 1_000_000);
            if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object)
                throw new CampaignSpecException(source, "inputs", "required: an object with either 'raw' or 'samples'");
            CheckKeys(source, "inputs.", inputs, "raw", "samples");
            var raw = new List<string>();
            var samples = new List<SampleSpec>();
            if (inputs.TryGetProperty("raw", out var rawElement))
            {
                if (rawElement.ValueKind != JsonValueKind.Array) throw new CampaignSpecException(source, "inputs.raw", "must be an array of paths");
                var i = 0;
                foreach (var e in rawElement.EnumerateArray())
                {
                    var p = StringOf(source, $"inputs.raw[{i}]", e);
                    if (p.Length == 0) throw new CampaignSpecException(source, $"inputs.raw[{i}]", "empty path");
                    raw.Add(p);
                    i++;
                }
            }
            if (inputs.TryGetProperty("samples", out var samplesElement))
            {
                if (samplesElement.ValueKind != JsonValueKind.Array) throw new CampaignSpecException(source, "inputs.samples", "must be an array of samples");
                var i = 0;
                foreach (var e in samplesElement.EnumerateArray())
                {
                    if (i >= MaxSamples) throw new CampaignSpecException(source, "inputs.samples", $"more than {MaxSamples} samples");
                    samples.Add(ParseSample(source, $"inputs.samples[{i++}]", e));
                }
            }
            if ((raw.Count == 0) == (samples.Count == 0))
                throw new CampaignSpecException(source, "inputs", "give exactly one non-empty list: 'raw' (files or folders) or 'samples' (MC)");
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < samples.Count; i++)
                if (!names.Add(samples[i].Name))
                    throw new CampaignSpecException(source, $"inputs.samples[{i}]", $"sample '{samples[i].Name}' appears twice (results are kept per sample name)");
            var analysis = root.TryGetProperty("analysis", out var a) ? ParseAnalysis(source, a) : new CampaignAnalysisOptions();
            return new CampaignSpec { Id = id, ConditionsPath = conditions, ConditionsKey = conditionsKey, ChunkSize = chunkSize, SnapshotEvery = snapshotEvery, Raw = raw, Samples = samples, Analysis = analysis };
        }
    }

    private static SampleSpec ParseSample(string source, string at, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new CampaignSpecException(source, at, "must be an object");
        CheckKeys(source, at + ".", e, "sample", "mass_mev", "epsilon", "bias", "spills", "events_per_spill", "seed", "run");
        var kindName = RequiredString(source, e, "sample", at + ".");
        var kind = kindName switch
        {
            "beam" => SampleKind.Beam,
            "hadron" => SampleKind.Hadron,
            "signal" => SampleKind.Signal,
            "dimuon" => SampleKind.Dimuon,
            "kaon" => SampleKind.Kaon,
            "electron" => SampleKind.Electron,
            "muon" => SampleKind.Muon,
            "zprime" => SampleKind.ZPrime,
            "x" => SampleKind.X,
            "k0s-pi0pi0" => SampleKind.KaonShortNeutral,
            "k0s-pipi" => SampleKind.KaonShortCharged,
            _ => throw new CampaignSpecException(source, at + ".sample", $"'{kindName}' is not one of beam, hadron, kaon, electron, signal, dimuon (the invisible programme), muon, zprime (the muon programme), x, k0s-pi0pi0, k0s-pipi (the visible programme)"),
        };
        var bias = 1.0;
        if (e.TryGetProperty("bias", out var biasElement))
        {
            if (biasElement.ValueKind != JsonValueKind.Number || !biasElement.TryGetDouble(out bias)) bias = double.NaN;
            if (SampleDescriptor.BiasProblem(kind, bias) is { } problem) throw new CampaignSpecException(source, at + ".bias", problem);
        }
        double mass = 0, epsilon = 0;
        if (kind == SampleKind.Signal)
        {
            mass = RequiredPositiveDouble(source, e, "mass_mev", at);
            epsilon = RequiredPositiveDouble(source, e, "epsilon", at);
        }
        else if (kind == SampleKind.ZPrime)
        {
            // The yield is per g², the coupling the limit solves for: a Z' sample has a mass and no coupling.
            mass = RequiredPositiveDouble(source, e, "mass_mev", at);
            if (e.TryGetProperty("epsilon", out _)) throw new CampaignSpecException(source, at + ".epsilon", "a 'zprime' sample has no coupling: its yield is per g², the coupling its limit solves for");
        }
        else if (kind == SampleKind.X)
        {
            // The selection's efficiency is the same at every ε, and the band is solved over ε: an X sample has no ε.
            mass = RequiredPositiveDouble(source, e, "mass_mev", at);
            if (e.TryGetProperty("epsilon", out _)) throw new CampaignSpecException(source, at + ".epsilon", "an 'x' sample has no coupling: its selection's efficiency is the same at every ε, and the excluded band is solved over ε");
        }
        else if (e.TryGetProperty("mass_mev", out _) || e.TryGetProperty("epsilon", out _))
        {
            throw new CampaignSpecException(source, at, $"mass_mev and epsilon apply to 'signal' samples (and mass_mev to 'zprime' and 'x' samples) only, not '{kindName}'");
        }
        var spills = OptionalInt(source, e, "spills", -1, 1, 10_000_000, at + ".");
        var events = OptionalInt(source, e, "events_per_spill", -1, 1, 100_000_000, at + ".");
        if (!e.TryGetProperty("seed", out var seedElement) || seedElement.ValueKind != JsonValueKind.Number || !seedElement.TryGetUInt64(out var seed))
            throw new CampaignSpecException(source, at + ".seed", "required: a non-negative integer (the sample's random seed)");
        var run = OptionalInt(source, e, "run", 1, 0, int.MaxValue, at + ".");
        return new SampleSpec(kind, mass, epsilon, spills, events, seed, run) { Bias = bias };
    }

    /// <summary>Projected exposures of one campaign at most (each is a limit table).</summary>
    public const int MaxProjections = 8;

    private static CampaignAnalysisOptions ParseAnalysis(string source, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new CampaignSpecException(source, "analysis", "must be an object");
        CheckKeys(source, "analysis.", e, "method", "signal_prior", "eot_uncertainty", "yield_uncertainty", "projected_eot", "max_projected_background");
        var defaults = new CampaignAnalysisOptions();
        var method = defaults.Method;
        if (e.TryGetProperty("method", out var m))
            method = StringOf(source, "analysis.method", m) switch
            {
                "cls" => LimitMethod.Cls,
                "fc" => LimitMethod.FeldmanCousins,
                "classical" => LimitMethod.Classical,
                var other => throw new CampaignSpecException(source, "analysis.method", $"'{other}' is not one of cls, fc, classical"),
            };
        var prior = defaults.SignalPrior;
        if (e.TryGetProperty("signal_prior", out var sp))
            prior = StringOf(source, "analysis.signal_prior", sp) switch
            {
                "lognormal" => SignalScalePrior.LogNormal,
                "gaussian" => SignalScalePrior.TruncatedGaussian,
                var other => throw new CampaignSpecException(source, "analysis.signal_prior", $"'{other}' is not one of lognormal, gaussian"),
            };
        var eotUnc = OptionalDouble(source, e, "eot_uncertainty", defaults.EotRelativeUncertainty, 0, 1, "analysis.");
        // Absent: the yield's systematic is the theory model's, per mass; a number replaces it by a flat value.
        double? yieldUnc = e.TryGetProperty("yield_uncertainty", out _) ? OptionalDouble(source, e, "yield_uncertainty", 0, 0, 1, "analysis.") : null;
        var maxBackground = OptionalDouble(source, e, "max_projected_background", defaults.MaxProjectedBackground, 0, 1e6, "analysis.");
        var projected = defaults.ProjectedEot;
        if (e.TryGetProperty("projected_eot", out var p))
        {
            if (p.ValueKind != JsonValueKind.Array) throw new CampaignSpecException(source, "analysis.projected_eot", "must be an array of EOT counts");
            var list = new List<double>();
            var i = 0;
            foreach (var item in p.EnumerateArray())
            {
                var at = $"analysis.projected_eot[{i++}]";
                if (list.Count >= MaxProjections) throw new CampaignSpecException(source, "analysis.projected_eot", $"more than {MaxProjections} projections");
                if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var eot) || !(eot >= 1) || eot > 1e15)
                    throw new CampaignSpecException(source, at, "must be a number of EOT in [1, 1e15]");
                list.Add(eot);
            }
            projected = list.ToArray();
        }
        return new CampaignAnalysisOptions
        {
            Method = method, SignalPrior = prior, EotRelativeUncertainty = eotUnc, YieldRelativeUncertainty = yieldUnc, ProjectedEot = projected, MaxProjectedBackground = maxBackground,
        };
    }

    private static bool IsDefault(CampaignAnalysisOptions a)
    {
        var d = new CampaignAnalysisOptions();
        return a.Method == d.Method && a.SignalPrior == d.SignalPrior && a.EotRelativeUncertainty.Equals(d.EotRelativeUncertainty) && a.YieldRelativeUncertainty.Equals(d.YieldRelativeUncertainty)
            && a.MaxProjectedBackground.Equals(d.MaxProjectedBackground) && a.ProjectedEot.SequenceEqual(d.ProjectedEot);
    }

    private static string PriorName(SignalScalePrior prior) => prior == SignalScalePrior.LogNormal ? "lognormal" : "gaussian";

    private static string MethodName(LimitMethod method) => method switch
    {
        LimitMethod.FeldmanCousins => "fc",
        LimitMethod.Classical => "classical",
        _ => "cls",
    };

    private static double OptionalDouble(string source, JsonElement e, string name, double fallback, double min, double max, string prefix)
    {
        if (!e.TryGetProperty(name, out var v)) return fallback;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !(d >= min) || !(d <= max))
            throw new CampaignSpecException(source, prefix + name, FormattableString.Invariant($"must be a number in [{min}, {max}]"));
        return d;
    }

    /// <summary>The path of the first key an object holds twice, or null.</summary>
    private static string? DuplicateKey(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    var at = path.Length == 0 ? p.Name : $"{path}.{p.Name}";
                    if (!seen.Add(p.Name)) return at;
                    if (DuplicateKey(p.Value, at) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray())
                    if (DuplicateKey(item, $"{path}[{i++}]") is { } inner) return inner;
                return null;
            default:
                return null;
        }
    }

    private static void CheckKeys(string source, string prefix, JsonElement e, params string[] allowed)
    {
        foreach (var p in e.EnumerateObject())
            if (Array.IndexOf(allowed, p.Name) < 0)
                throw new CampaignSpecException(source, prefix + p.Name, $"unknown field (allowed: {string.Join(", ", allowed)})");
    }

    private static string RequiredString(string source, JsonElement e, string name, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v)) throw new CampaignSpecException(source, prefix + name, "required");
        return StringOf(source, prefix + name, v);
    }

    private static string StringOf(string source, string field, JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new CampaignSpecException(source, field, "must be a string");

    private static int OptionalInt(string source, JsonElement e, string name, int fallback, int min, int max, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var v))
        {
            if (fallback < min) throw new CampaignSpecException(source, prefix + name, "required");
            return fallback;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i) || i < min || i > max)
            throw new CampaignSpecException(source, prefix + name, $"must be an integer in [{min}, {max}]");
        return i;
    }

    private static double RequiredPositiveDouble(string source, JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v)) throw new CampaignSpecException(source, $"{at}.{name}", $"required for a '{e.GetProperty("sample").GetString()}' sample");
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !(d > 0) || double.IsInfinity(d))
            throw new CampaignSpecException(source, $"{at}.{name}", "must be a positive number");
        return d;
    }

    /// <summary>A plain name: it names the campaign's results folder and journal, so never '.', '..' or a path.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();
}
