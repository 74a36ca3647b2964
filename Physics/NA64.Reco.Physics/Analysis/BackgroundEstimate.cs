using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Expected background events in the signal box with statistical and systematic uncertainty, the method that gave it
/// and the counts it was derived from. When the estimate rests on a zero count it is no estimate but an upper bound:
/// <see cref="Expected"/> is 0, <see cref="StatUncertainty"/> NaN (there is no Gaussian width) and
/// <see cref="UpperBound"/> the 68% CL Poisson upper bound carried through (docs/statistics.md §5). Expected is NaN
/// when the method is undefined.
/// </summary>
public sealed record BackgroundEstimate(string Method, double Expected, double StatUncertainty, double SystUncertainty, IReadOnlyList<RegionCount> Regions)
{
    /// <summary>b_up of an estimate that rests on a zero count; NaN otherwise.</summary>
    public double UpperBound { get; init; } = double.NaN;

    /// <summary>
    /// The exposure, in EOT, of the sample the estimate rests on, for the process it estimates: a biased MC sample's
    /// EOT over the mean weight of that process's events (<see cref="SourceBackground"/>); NaN when not given.
    /// </summary>
    public double EquivalentEot { get; init; } = double.NaN;

    /// <summary>True when the estimate is only an upper bound b ∈ [0, <see cref="UpperBound"/>].</summary>
    public bool IsUpperBound => double.IsFinite(UpperBound);

    /// <summary>Statistical and systematic uncertainty in quadrature (NaN for an upper bound).</summary>
    public double TotalUncertainty => Math.Sqrt(StatUncertainty * StatUncertainty + SystUncertainty * SystUncertainty);

    /// <summary>False when the method could not extrapolate (e.g. an empty normalisation region).</summary>
    public bool IsDefined => double.IsFinite(Expected);

    /// <summary>The background a limit takes from this estimate: b ± (stat ⊕ syst), or the bound b ∈ [0, b_up].</summary>
    public BackgroundInput ForLimits()
    {
        if (!IsDefined) throw new InvalidOperationException($"background estimate '{Method}' is undefined");
        return IsUpperBound ? BackgroundInput.UpperBound(UpperBound) : BackgroundInput.Estimate(Expected, TotalUncertainty);
    }
}
