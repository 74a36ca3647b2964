namespace NA64.Reco.Physics.RawData;

/// <summary>How a spill was simulated (or <see cref="SampleKind.Data"/>): enough to regenerate it exactly.</summary>
public sealed record SampleDescriptor(SampleKind Kind, double MassAPrimeMeV, double Epsilon, ulong Seed)
{
    public static readonly SampleDescriptor RealData = new(SampleKind.Data, 0, 0, 0);

    public bool IsSimulated => Kind != SampleKind.Data;

    /// <summary>
    /// Factor ≥ 1 by which the sample enhances its rare background process (the electron channels of hadron decays in
    /// flight, docs/physics.md §4a), its events weighted back exactly; 1 for an unbiased sample. Not in raw format v1:
    /// a biased sample is simulated, never written to files.
    /// </summary>
    public double Bias { get; init; } = 1;

    public bool IsBiased => Bias != 1;

    /// <summary>Short name, e.g. <c>beam</c>, <c>signal-16.7MeV</c> or <c>kaon-bias1e9</c>.</summary>
    public string Name
    {
        get
        {
            var name = Kind == SampleKind.Signal ? FormattableString.Invariant($"signal-{MassAPrimeMeV:0.###}MeV") : Kind.ToString().ToLowerInvariant();
            return IsBiased ? FormattableString.Invariant($"{name}-bias{Bias:0.#####e0}") : name;
        }
    }
}
