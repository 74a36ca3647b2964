namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// A source's side-band normalised estimate (<see cref="SidebandNormalisation"/>), the side-band it was normalised in
/// and the source's share of the MC expectation there.
/// </summary>
public sealed record SidebandEstimate(BackgroundEstimate Estimate, string Region, double Share);
