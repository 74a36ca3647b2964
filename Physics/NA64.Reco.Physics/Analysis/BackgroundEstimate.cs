namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Expected background events in the signal box with statistical and systematic uncertainty, the method that gave it
/// and the counts it was derived from. When the estimate rests on a zero count, <see cref="Expected"/> is 0 and
/// <see cref="StatUncertainty"/> is the 68% CL Poisson upper bound (docs/statistics.md); NaN when undefined.
/// </summary>
public sealed record BackgroundEstimate(string Method, double Expected, double StatUncertainty, double SystUncertainty, IReadOnlyList<RegionCount> Regions)
{
    /// <summary>Statistical and systematic uncertainty in quadrature.</summary>
    public double TotalUncertainty => Math.Sqrt(StatUncertainty * StatUncertainty + SystUncertainty * SystUncertainty);

    /// <summary>False when the method could not extrapolate (e.g. an empty normalisation region).</summary>
    public bool IsDefined => double.IsFinite(Expected);
}
