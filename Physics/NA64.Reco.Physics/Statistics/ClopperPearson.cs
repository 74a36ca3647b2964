namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// Exact (Clopper–Pearson 1934, Biometrika 26, 404) central binomial confidence intervals, via the inverse of the
/// regularised incomplete beta function: lower = B⁻¹(α/2; k, n − k + 1), upper = B⁻¹(1 − α/2; k + 1, n − k).
/// </summary>
public static class ClopperPearson
{
    /// <summary>The 1σ (68.27%) confidence level used for efficiency uncertainties.</summary>
    public const double OneSigma = 0.6826894921370859;

    /// <summary>Interval for k passing out of n trials; k and n may be non-integer (effective entries).</summary>
    public static BinomialInterval Interval(double passed, double total, double cl = OneSigma)
    {
        if (!(total > 0) || double.IsInfinity(total)) throw new ArgumentOutOfRangeException(nameof(total), total, "total must be finite and > 0");
        if (!(passed >= 0 && passed <= total)) throw new ArgumentOutOfRangeException(nameof(passed), passed, $"passed must be in [0, {total}]");
        if (!(cl > 0 && cl < 1)) throw new ArgumentOutOfRangeException(nameof(cl), cl, "confidence level must be in (0, 1)");
        var alpha = 1 - cl;
        var lower = passed <= 0 ? 0 : SpecialFunctions.InverseRegularizedIncompleteBeta(passed, total - passed + 1, alpha / 2);
        var upper = passed >= total ? 1 : SpecialFunctions.InverseRegularizedIncompleteBeta(passed + 1, total - passed, 1 - alpha / 2);
        return new BinomialInterval(passed / total, lower, upper);
    }

    /// <summary>
    /// Weighted efficiency Σw_pass/Σw with the effective-entries approximation: n_eff = (Σw)²/Σw², k_eff = eff·n_eff,
    /// then the Clopper–Pearson interval of (k_eff, n_eff). With equal weights it is exactly the unweighted interval.
    /// </summary>
    public static BinomialInterval WeightedInterval(double sumWeightsPassed, double sumWeights, double sumWeightsSquared, double cl = OneSigma)
    {
        if (!(sumWeights > 0) || !(sumWeightsSquared > 0)) throw new ArgumentOutOfRangeException(nameof(sumWeights), "Σw and Σw² must be > 0");
        if (!(sumWeightsPassed >= 0 && sumWeightsPassed <= sumWeights * (1 + 1e-12)))
            throw new ArgumentOutOfRangeException(nameof(sumWeightsPassed), sumWeightsPassed, $"Σw of passing events must be in [0, {sumWeights}]");
        var efficiency = Math.Min(1, sumWeightsPassed / sumWeights);
        var nEff = sumWeights * sumWeights / sumWeightsSquared;
        var interval = Interval(efficiency * nEff, nEff, cl);
        return interval with { Estimate = efficiency };
    }
}
