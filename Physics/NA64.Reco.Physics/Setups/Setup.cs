using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// A setup: one versioned document that says which programme it belongs to, the detector conditions it runs with, and,
/// where the programme's beam, exposure, selection, signal and (g − 2) input are not in the conditions, those
/// (docs/setups.md). The invisible programme's setup is its conditions; a conditions document without a <c>setup</c>
/// field loads as one, unchanged. Immutable; <see cref="Id"/> names the version and the content hash.
/// </summary>
public sealed partial record Setup
{
    /// <summary>The setup's name, e.g. <c>na64mu-2022</c>: 1 to 64 characters of [a-z0-9.-].</summary>
    public required string Name { get; init; }
    /// <summary>The document's version, ≥ 1 (0 for a conditions document read as a setup).</summary>
    public required int Version { get; init; }
    public required SetupProgramme Programme { get; init; }
    public required string Description { get; init; }
    /// <summary>Where the setup's numbers come from, one citation each.</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    /// <summary>The detector conditions (the invisible programme's whole setup; the muon programme's calorimeters).</summary>
    public required DetectorConditions Conditions { get; init; }
    /// <summary>The beam, when it is not the conditions' (muon programme).</summary>
    public SetupBeam? Beam { get; init; }
    /// <summary>The spectrometers that measure the incoming and the outgoing muon (muon programme); none: momenta measured exactly.</summary>
    public SetupSpectrometers? Spectrometers { get; init; }
    /// <summary>The exposure of the limit when no campaign counts one (muon programme).</summary>
    public SetupExposure? Exposure { get; init; }
    /// <summary>The selection's cuts in order (muon programme; the invisible one's are the conditions' <c>cuts</c>).</summary>
    public IReadOnlyList<SetupCut> Selection { get; init; } = [];
    /// <summary>The signal model and its points (muon programme).</summary>
    public SetupSignal? Signal { get; init; }
    /// <summary>Δa_μ and its uncertainty for the (g − 2)_μ band (muon programme).</summary>
    public MuonAnomaly? Anomaly { get; init; }
    /// <summary>The calorimeter the beam is dumped in and the X made in (visible programme).</summary>
    public SetupDump? Dump { get; init; }
    /// <summary>Where the X must decay behind the dump (visible programme).</summary>
    public SetupDecayRegion? DecayRegion { get; init; }
    /// <summary>The counters between the dump and the ECAL, in the order they are read (visible programme).</summary>
    public IReadOnlyList<SetupCounter> Counters { get; init; } = [];

    /// <summary>"name-version#hash": the name, the version and the first 12 hex digits of the document's SHA-256.</summary>
    public string Id { get; private init; } = "";

    /// <summary>SHA-256 (hex) of the document's bytes.</summary>
    public string Hash { get; private init; } = "";

    /// <summary>The document as it was read (UTF-8 text); for a conditions document read as a setup, that document.</summary>
    public string SourceJson { get; private init; } = "";

    /// <summary>
    /// The document a campaign of this setup sends to its workers, which they parse back with <see cref="Parse"/>: the
    /// conditions for the invisible programme, whose chain reads nothing else (so its campaigns keep their conditions'
    /// id and hash), the setup document itself for the others.
    /// </summary>
    public string PipelineJson => Programme == SetupProgramme.Invisible ? Conditions.SourceJson : SourceJson;

    /// <summary>The beam energy: the setup's beam, else the conditions'.</summary>
    public double BeamEnergyGeV => Beam?.EnergyGeV ?? Conditions.Beam.EnergyGeV;

    /// <summary>The value of a setup's <c>conditions</c> field that names the embedded default conditions.</summary>
    public const string DefaultConditions = "default";

    // A record's parameter without a default is required in the document: missing, it is an error naming it, not a 0.
    private static readonly JsonSerializerOptions s_options = new(DetectorConditions.JsonOptions)
    {
        Converters = { new JsonStringEnumConverter<SetupProgramme>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Loads and validates a setup file; any problem is a <see cref="ConditionsException"/> naming the file and field.</summary>
    public static Setup Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConditionsException(path, "(file)", e.Message);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses and validates a setup document (or a conditions document, as the invisible setup it is).</summary>
    public static Setup Parse(ReadOnlySpan<byte> json, string source)
    {
        if (!HasSetupField(json, source)) return Of(DetectorConditions.Parse(json, source));
        Document d;
        try
        {
            d = JsonSerializer.Deserialize<Document>(json, s_options) ?? throw new ConditionsException(source, "$", "the file holds null", ConditionsException.SetupDocument);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            if (MissingProperty().Match(e.Message) is { Success: true } missing)
                throw new ConditionsException(source, (path == "$" ? "" : path.TrimStart('$', '.') + ".") + missing.Groups[1].Value, "is required", ConditionsException.SetupDocument);
            throw new ConditionsException(source, path, FirstLine(e.Message), ConditionsException.SetupDocument);
        }
        var v = new ConditionsValidator(source, ConditionsException.SetupDocument);
        v.NotEmpty("setup", d.Setup);
        if (d.Setup.Length > 64 || !d.Setup.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-'))
            throw v.Fail("setup", $"'{d.Setup}' is not 1..64 characters of [a-z0-9.-]");
        v.Count("version", d.Version, 1, int.MaxValue);
        v.NotEmpty("description", d.Description);
        v.NoNullElements("sources", d.Sources);
        if (d.Sources.Length == 0) throw v.Fail("sources", "must cite at least one source");
        for (var i = 0; i < d.Sources.Length; i++) v.NotEmpty($"sources[{i}]", d.Sources[i]);
        var setup = new Setup
        {
            Name = d.Setup, Version = d.Version, Programme = d.Programme, Description = d.Description, Sources = d.Sources,
            Conditions = ResolveConditions(d.Conditions, source, v),
            Beam = d.Beam, Spectrometers = d.Spectrometers, Exposure = d.Exposure, Selection = d.Selection ?? [], Signal = d.Signal, Anomaly = d.Anomaly,
            Dump = d.Dump, DecayRegion = d.DecayRegion, Counters = d.Counters ?? [],
        };
        setup.Validate(v, d.Selection is not null);
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));
        return setup with { Id = $"{setup.Name}-{setup.Version}#{hash[..12]}", Hash = hash, SourceJson = Encoding.UTF8.GetString(json) };
    }

    /// <summary>Conditions as the invisible setup they are: their id, hash and document.</summary>
    public static Setup Of(DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return new Setup
        {
            Name = conditions.Version, Version = 0, Programme = SetupProgramme.Invisible,
            Description = "a conditions document, read as the invisible setup", Sources = [], Conditions = conditions,
            Id = conditions.Id, Hash = conditions.Hash, SourceJson = conditions.SourceJson,
        };
    }

    private void Validate(ConditionsValidator v, bool hasSelection)
    {
        if (Programme == SetupProgramme.Invisible)
        {
            // The invisible chain reads its beam, cuts and A' model from the conditions: a second copy here could disagree.
            if (Beam is not null) throw v.Fail("beam", "the invisible programme's beam is its conditions' (conditions.beam): remove it");
            if (Spectrometers is not null) throw v.Fail("spectrometers", "the invisible programme's trackers and magnets are its conditions' (conditions.micromegas, conditions.magnet): remove it");
            if (Exposure is not null) throw v.Fail("exposure", "the invisible programme's exposure is counted by its campaign from the spill scalers: remove it");
            if (hasSelection) throw v.Fail("selection", "the invisible programme's cuts are its conditions' (conditions.cuts): remove it");
            if (Signal is not null) throw v.Fail("signal", "the invisible programme's signal is its conditions' A' (conditions.aPrime) and its campaign's samples: remove it");
            if (Anomaly is not null) throw v.Fail("anomaly", "is an input of the muon programme only: remove it");
            NoVisibleFields(v);
            return;
        }
        if (Programme == SetupProgramme.Visible)
        {
            ValidateVisible(v);
            return;
        }
        NoVisibleFields(v);
        (Beam ?? throw v.Fail("beam", "is required for the muon programme")).Validate(v, "mu-");
        Spectrometers?.Validate(v);
        (Exposure ?? throw v.Fail("exposure", "is required for the muon programme")).Validate(v);
        var selection = MuonSelection.Validate(Selection, Conditions, v);
        var momentum = selection.MaxOutgoingGeV;
        if (!(momentum < Beam.EnergyGeV))
            throw v.Fail($"selection[{Selection.ToList().FindIndex(c => c.Cut == MuonSelection.OutgoingMomentum)}].parameters.maxGeV", $"must lie below the beam energy ({Beam.EnergyGeV} GeV), got {momentum}");
        if (selection.IncomingRangeGeV is not { } window)
        {
            if (Spectrometers is not null)
                throw v.Fail("selection", $"needs the cut '{MuonSelection.IncomingMomentum}' when the setup has spectrometers: an event without an incoming track fails there");
        }
        else if (!(window.MinGeV < Beam.EnergyGeV && Beam.EnergyGeV < window.MaxGeV))
            throw v.Fail($"selection[{Selection.ToList().FindIndex(c => c.Cut == MuonSelection.IncomingMomentum)}].parameters", $"the incoming window [{window.MinGeV}, {window.MaxGeV}] GeV must contain the beam energy ({Beam.EnergyGeV} GeV)");
        (Signal ?? throw v.Fail("signal", "is required for the muon programme")).Validate(v, "zprime");
        var anomaly = Anomaly ?? throw v.Fail("anomaly", "is required for the muon programme: Δa_μ, its uncertainty and their source");
        if (!double.IsFinite(anomaly.DeltaA)) throw v.Fail("anomaly.deltaA", $"must be a finite number, got {anomaly.DeltaA}");
        v.Positive("anomaly.sigma", anomaly.Sigma);
        v.NotEmpty("anomaly.source", anomaly.Source);
    }

    private void NoVisibleFields(ConditionsValidator v)
    {
        var programme = Programme.ToString().ToLowerInvariant();
        if (Dump is not null) throw v.Fail("dump", $"is an input of the visible programme only; a {programme} setup's dump is its conditions' ECAL: remove it");
        if (DecayRegion is not null) throw v.Fail("decayRegion", $"is an input of the visible programme only: remove it");
        if (Counters.Count > 0) throw v.Fail("counters", $"is an input of the visible programme only; a {programme} setup's counters are its conditions' VETO: remove it");
    }

    private void ValidateVisible(ConditionsValidator v)
    {
        (Beam ?? throw v.Fail("beam", "is required for the visible programme")).Validate(v, "e-");
        if (Spectrometers is not null) throw v.Fail("spectrometers", "the visible programme's trackers are its conditions' (conditions.micromegas): remove it");
        if (Anomaly is not null) throw v.Fail("anomaly", "is an input of the muon programme only: remove it");
        (Dump ?? throw v.Fail("dump", "is required for the visible programme: the calorimeter the beam is dumped in")).Validate(v);
        (DecayRegion ?? throw v.Fail("decayRegion", "is required for the visible programme: where the X must decay")).Validate(v);
        (Exposure ?? throw v.Fail("exposure", "is required for the visible programme")).Validate(v);
        if (Counters.Count > SetupCounter.MaxCount) throw v.Fail("counters", $"lists {Counters.Count} counters, at most {SetupCounter.MaxCount}");
        for (var i = 0; i < Counters.Count; i++)
        {
            if (Counters[i] is not { } counter) throw v.Fail($"counters[{i}]", "must be an object, got null");
            counter.Validate(v, $"counters[{i}]", DecayRegion!);
            for (var j = 0; j < i; j++)
                if (Counters[j].Name == counter.Name) throw v.Fail($"counters[{i}].name", $"'{counter.Name}' is listed twice (also at counters[{j}])");
        }
        var selection = VisibleSelection.Validate(Selection, Counters, DecayRegion!, v);
        if (!(selection.MinEcalGeV < Beam.EnergyGeV))
            throw v.Fail($"selection[{Selection.ToList().FindIndex(c => c.Cut == VisibleSelection.EcalEnergy)}].parameters.minGeV", $"must lie below the beam energy ({Beam.EnergyGeV} GeV), got {selection.MinEcalGeV}");
        (Signal ?? throw v.Fail("signal", "is required for the visible programme")).Validate(v, "x");
    }

    private static DetectorConditions ResolveConditions(JsonElement element, string source, ConditionsValidator v)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() == DefaultConditions:
                return DetectorConditions.Default;
            case JsonValueKind.Object:
                // The inline document is parsed and hashed as the bytes it was written as, so that its id is that file's.
                return DetectorConditions.Parse(Encoding.UTF8.GetBytes(element.GetRawText()), $"{source} (conditions)");
            case JsonValueKind.Undefined:
                throw v.Fail("conditions", "is required: \"default\" or a conditions document");
            default:
                throw v.Fail("conditions", $"must be \"{DefaultConditions}\" (the embedded default conditions) or a conditions document, got {element.GetRawText()}");
        }
    }

    private static bool HasSetupField(ReadOnlySpan<byte> json, string source)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("setup"u8)) return true;
                reader.Read();
                reader.Skip();
            }
            return false;
        }
        catch (JsonException e)
        {
            throw new ConditionsException(source, "$", FirstLine(e.Message));
        }
    }

    // System.Text.Json names the first missing constructor parameter in its message, not in its path.
    [GeneratedRegex("missing required properties including: '([^']+)'")]
    private static partial Regex MissingProperty();

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n');
        return i < 0 ? message : message[..i].TrimEnd();
    }

    /// <summary>The document as written: the fields of docs/setups.md, before the conditions are resolved.</summary>
    private sealed record Document
    {
        public required string Setup { get; init; }
        public required int Version { get; init; }
        public required SetupProgramme Programme { get; init; }
        public required string Description { get; init; }
        public required string[] Sources { get; init; }
        public JsonElement Conditions { get; init; }
        public SetupBeam? Beam { get; init; }
        public SetupSpectrometers? Spectrometers { get; init; }
        public SetupExposure? Exposure { get; init; }
        public SetupCut[]? Selection { get; init; }
        public SetupSignal? Signal { get; init; }
        public MuonAnomaly? Anomaly { get; init; }
        public SetupDump? Dump { get; init; }
        public SetupDecayRegion? DecayRegion { get; init; }
        public SetupCounter[]? Counters { get; init; }
    }
}
