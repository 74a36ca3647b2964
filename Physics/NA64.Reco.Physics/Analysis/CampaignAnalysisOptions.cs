using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>Choices of the analysis products of a campaign (docs/statistics.md §7): limit method, EOT systematic, projections.</summary>
public sealed record CampaignAnalysisOptions
{
    public LimitMethod Method { get; init; } = LimitMethod.Cls;

    /// <summary>
    /// Relative uncertainty of the EOT count. 2% is an assumption of this code (the NA64 beam counters are quoted at the
    /// per-cent level), not a measured value: override it for real data.
    /// </summary>
    public double EotRelativeUncertainty { get; init; } = 0.02;

    /// <summary>
    /// A flat relative uncertainty of the A' yield Y(m) for every mass, replacing the default: null, the theory
    /// systematic per mass, the difference between this code's IWW yield and the exact-tree-level one
    /// (<see cref="Simulation.APrime.APrimeTheoryUncertainty"/>, docs/physics.md §9).
    /// </summary>
    public double? YieldRelativeUncertainty { get; init; }

    /// <summary>
    /// The prior of the signal scale in the limits: log-normal by default, since the yield's theory systematic reaches
    /// 100–200% at high mass, where a truncated Gaussian's mean exceeds 1 and the limit stops weakening with the
    /// uncertainty (docs/statistics.md §7); the truncated Gaussian of the published Cousins–Highland tables on request.
    /// </summary>
    public SignalScalePrior SignalPrior { get; init; } = SignalScalePrior.LogNormal;

    /// <summary>EOT of the projected sensitivities (median expected limits).</summary>
    public IReadOnlyList<double> ProjectedEot { get; init; } = [1e12, 5e12];

    /// <summary>
    /// A projection whose scaled background exceeds this many events is not computed (the limit integrals grow with b,
    /// and a background that large means the selection, not the EOT, limits the sensitivity); it is listed as skipped.
    /// </summary>
    public double MaxProjectedBackground { get; init; } = 100;
}
