namespace NA64.Reco.Physics.Detector;

/// <summary>
/// A conditions or setup document that is missing a field, has a value out of range, or cannot be parsed; the message
/// names the kind of document (<c>conditions</c> or <c>setup</c>), its file, the field and the reason.
/// </summary>
public sealed class ConditionsException(string source, string field, string reason, string document = ConditionsException.ConditionsDocument)
    : Exception($"{document} '{source}': field '{field}': {reason}")
{
    public const string ConditionsDocument = "conditions", SetupDocument = "setup";

    /// <summary>The file (or "embedded default") that was being loaded.</summary>
    public string File { get; } = source;

    /// <summary>The JSON path of the offending field, e.g. <c>ecal.noiseMeV</c>.</summary>
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
