namespace NA64.Reco.Physics.Setups;

/// <summary>
/// One named cut of a setup's selection with its parameters (docs/setups.md, "selection"); the programme's selection
/// knows the names and checks the parameters.
/// </summary>
/// <param name="Cut">The cut's name, e.g. <c>outgoing-momentum</c>.</param>
/// <param name="Parameters">Its parameters by name, e.g. <c>maxGeV</c>; empty for a cut without any.</param>
/// <param name="Detector">The detector it reads, for a cut that applies to any of the setup's counters (e.g. <c>S4</c>); else none.</param>
public sealed record SetupCut(string Cut, IReadOnlyDictionary<string, double>? Parameters = null, string? Detector = null)
{
    /// <summary>The parameters, empty when the document gives none.</summary>
    public IReadOnlyDictionary<string, double> Values => Parameters ?? new Dictionary<string, double>();
}
