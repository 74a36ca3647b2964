using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NA64.Reco.Physics.Detector;

/// <summary>
/// The detector conditions: geometry, calibrations, resolutions and cut values, loaded once from one
/// versioned JSON file and immutable afterwards. <see cref="Id"/> names the version and the content hash
/// so that every result can say which conditions produced it.
/// </summary>
public sealed record DetectorConditions
{
    public required string Version { get; init; }
    public required BeamConditions Beam { get; init; }
    public required MicromegasConditions Micromegas { get; init; }
    public required MagnetConditions Magnet { get; init; }
    public required SrdConditions Srd { get; init; }
    public required EcalConditions Ecal { get; init; }
    public required VetoConditions Veto { get; init; }
    public required HcalConditions Hcal { get; init; }
    public required APrimeConditions APrime { get; init; }
    public required ProcessConditions Processes { get; init; }
    public required SelectionCuts Cuts { get; init; }

    /// <summary>"version#hash": the version string and the first 12 hex digits of the file's SHA-256.</summary>
    [JsonIgnore]
    public string Id { get; private init; } = "";

    /// <summary>SHA-256 (hex) of the document's UTF-8 bytes: what work messages carry, and results record.</summary>
    [JsonIgnore]
    public string Hash { get; private init; } = "";

    /// <summary>The document these conditions were parsed from: a campaign journals it, and other nodes parse it again.</summary>
    [JsonIgnore]
    public string SourceJson { get; private init; } = "";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A section written as null, or a key given twice (the last one silently winning), is an error naming the field.
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    private static readonly Lazy<DetectorConditions> s_default = new(LoadEmbeddedDefault);

    /// <summary>The defaults of physics.md, embedded in the assembly.</summary>
    public static DetectorConditions Default => s_default.Value;

    /// <summary>Loads and validates a conditions file; any problem is a <see cref="ConditionsException"/> naming the field.</summary>
    public static DetectorConditions Load(string path)
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

    /// <summary>Parses and validates conditions JSON; <paramref name="source"/> names it in errors.</summary>
    public static DetectorConditions Parse(ReadOnlySpan<byte> json, string source)
    {
        DetectorConditions? c;
        try
        {
            c = JsonSerializer.Deserialize<DetectorConditions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            throw new ConditionsException(source, field, FirstLine(e.Message));
        }
        if (c is null) throw new ConditionsException(source, "$", "the file holds null");
        c.Validate(new ConditionsValidator(source));
        var hash = Convert.ToHexStringLower(SHA256.HashData(json));
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(json);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ConditionsException(source, "$", "the file is not UTF-8 text");
        }
        return c with { Id = $"{c.Version}#{hash[..12]}", Hash = hash, SourceJson = text };
    }

    private void Validate(ConditionsValidator v)
    {
        v.NotEmpty("version", Version);
        Beam.Validate(v);
        Micromegas.Validate(v);
        Magnet.Validate(v);
        Srd.Validate(v);
        Ecal.Validate(v);
        Veto.Validate(v);
        Hcal.Validate(v);
        APrime.Validate(v);
        Processes.Validate(v);
        Cuts.Validate(v);
        if (!(Magnet.ZStartM > Micromegas.Stations[Micromegas.UpstreamStations - 1].ZM))
            throw v.Fail("magnet.zStartM", "the magnets must lie downstream of the upstream Micromegas stations");
        if (!(Micromegas.Stations[Micromegas.UpstreamStations].ZM > Magnet.ZEndM))
            throw v.Fail("micromegas.stations", "the downstream stations must lie behind the magnets");
        if (!(Ecal.ZM > Srd.ZM)) throw v.Fail("ecal.zM", $"the ECAL must lie downstream of the SRD (z = {Srd.ZM})");
        if (!(Hcal.ZM > Ecal.ZM)) throw v.Fail("hcal.zM", $"the HCAL must lie downstream of the ECAL (z = {Ecal.ZM})");
    }

    private static DetectorConditions LoadEmbeddedDefault()
    {
        using var stream = typeof(DetectorConditions).Assembly.GetManifestResourceStream("NA64.Reco.Physics.conditions-default.json")
            ?? throw new InvalidOperationException("embedded default conditions are missing from the assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), "embedded default");
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n');
        return i < 0 ? message : message[..i].TrimEnd();
    }
}
