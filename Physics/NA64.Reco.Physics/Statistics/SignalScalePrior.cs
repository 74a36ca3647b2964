namespace NA64.Reco.Physics.Statistics;

/// <summary>The prior of the signal scale k (mean 1, relative width σ_s) over which the Poisson probabilities are averaged.</summary>
public enum SignalScalePrior
{
    /// <summary>Gauss(1, σ_s) truncated at k = 0 and renormalised: the Cousins–Highland choice (NIM A 320, 331, 1992).</summary>
    TruncatedGaussian,

    /// <summary>
    /// Log-normal with mean 1 and standard deviation σ_s (ln k ~ Gauss(−s²/2, s), s² = ln(1 + σ_s²)): positive by
    /// construction, the standard prior of a multiplicative factor (R. D. Cousins, "Probability density functions for
    /// positive nuisance parameters", 2010). It differs from the truncated Gaussian by less than 10⁻³ of N_up at
    /// σ_s = 0.1 and keeps N_up growing with σ_s where the truncated Gaussian's mean exceeds 1 (σ_s ≳ 0.5).
    /// </summary>
    LogNormal,
}
