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
    /// <summary>Relative uncertainty of the EOT count.</summary>
    public double EotRelativeUncertainty { get; init; }
    public double ConfidenceLevel { get; init; } = 0.9;
}
