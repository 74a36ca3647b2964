namespace NA64.Reco.Physics.Statistics;

/// <summary>What is known about the background of a limit (docs/statistics.md §3).</summary>
public enum BackgroundKind
{
    /// <summary>An estimate b with a Gaussian uncertainty σ_b (Cousins–Highland average).</summary>
    Estimate,
    /// <summary>Only an upper bound: b ∈ [0, b_up], e.g. from a sample with no event in the signal box.</summary>
    UpperBound,
}
