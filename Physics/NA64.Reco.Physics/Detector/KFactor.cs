namespace NA64.Reco.Physics.Detector;

/// <summary>k = σ_IWW / σ_exact-tree-level at one mass (Gninenko et al. 2017; DMG4 convention, grows with m): IWW is divided by it.</summary>
public sealed record KFactor
{
    public required double MassMeV { get; init; }
    public required double K { get; init; }
}
