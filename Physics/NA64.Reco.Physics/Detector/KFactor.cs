namespace NA64.Reco.Physics.Detector;

/// <summary>Ratio of the exact tree-level A' cross-section to IWW at one mass (Gninenko et al. 2017).</summary>
public sealed record KFactor
{
    public required double MassMeV { get; init; }
    public required double K { get; init; }
}
