namespace NA64.Reco.Physics.Detector;

/// <summary>A conditions file that is missing a field, has a value out of range, or cannot be parsed.</summary>
public sealed class ConditionsException(string source, string field, string reason)
    : Exception($"conditions '{source}': field '{field}': {reason}")
{
    /// <summary>The file (or "embedded default") that was being loaded.</summary>
    public string File { get; } = source;

    /// <summary>The JSON path of the offending field, e.g. <c>ecal.noiseMeV</c>.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
