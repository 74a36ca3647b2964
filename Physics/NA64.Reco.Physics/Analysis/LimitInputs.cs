using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Everything a limit needs besides the signal points: the observed count in the signal box, the background (an
/// estimate b ± σ_b or an upper bound b_up, <see cref="BackgroundInput"/>), the EOT, the relative systematics and the
/// method (physics.md §9).
/// </summary>
public sealed record LimitInputs(int Observed, BackgroundInput Background, double Eot)
{
    /// <summary>With a background estimate b ± σ_b.</summary>
    public LimitInputs(int observed, double background, double backgroundUncertainty, double eot)
        : this(observed, BackgroundInput.Estimate(background, backgroundUncertainty), eot)
    {
    }

    public LimitMethod Method { get; init; } = LimitMethod.Cls;
    /// <summary>Relative uncertainty of the A' yield Y(m) for signal points that carry none of their own (physics.md §9: ~10%).</summary>
    public double YieldRelativeUncertainty { get; init; } = 0.10;
    /// <summary>The prior of the signal scale (yield ⊕ efficiency ⊕ EOT) in the Cousins–Highland average, as chosen.</summary>
    public SignalScalePrior SignalPrior { get; init; } = SignalScalePrior.TruncatedGaussian;

    /// <summary>
    /// The prior the limits use: the chosen one, except that Feldman–Cousins always takes the truncated Gaussian. Its
    /// belt must hold every count up to the largest mean the prior reaches (the scale at z = 6), which for a log-normal
    /// grows as e^{6s}: ×105 at σ_s = 1, ×825 at 1.94 (the theory systematic at 1 GeV), minutes to hours per limit.
    /// </summary>
    public SignalScalePrior EffectiveSignalPrior => Method == LimitMethod.FeldmanCousins ? SignalScalePrior.TruncatedGaussian : SignalPrior;
    /// <summary>Relative uncertainty of the EOT count.</summary>
    public double EotRelativeUncertainty { get; init; }
    public double ConfidenceLevel { get; init; } = 0.9;
}
