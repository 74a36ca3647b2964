using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Actors.Campaign;

/// <summary>An MC sample of a campaign: what to simulate, how many spills, from which seed.</summary>
public sealed record SampleSpec(SampleKind Kind, double MassMeV, double Epsilon, int Spills, int EventsPerSpill, ulong Seed, int Run)
{
    /// <summary>Enhancement of the sample's rare process (<see cref="SampleDescriptor.Bias"/>); 1 unbiased.</summary>
    public double Bias { get; init; } = 1;

    public SampleDescriptor Descriptor => new(Kind, MassMeV, Epsilon, Seed) { Bias = Bias };
    public string Name => Descriptor.Name;
}
