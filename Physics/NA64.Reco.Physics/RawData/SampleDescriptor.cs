namespace NA64.Reco.Physics.RawData;

/// <summary>How a spill was simulated (or <see cref="SampleKind.Data"/>): enough to regenerate it exactly.</summary>
public sealed record SampleDescriptor(SampleKind Kind, double MassAPrimeMeV, double Epsilon, ulong Seed)
{
    public static readonly SampleDescriptor RealData = new(SampleKind.Data, 0, 0, 0);

    public bool IsSimulated => Kind != SampleKind.Data;

    /// <summary>Short name, e.g. <c>beam</c> or <c>signal-16.7MeV</c>.</summary>
    public string Name => Kind == SampleKind.Signal
        ? FormattableString.Invariant($"signal-{MassAPrimeMeV:0.###}MeV")
        : Kind.ToString().ToLowerInvariant();
}
