using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Everything a limit needs besides the signal points: the observed count in the signal box, the expected background
/// and its absolute uncertainty, the EOT, the relative systematics and the method (physics.md §9).
/// </summary>
public sealed record LimitInputs(int Observed, double Background, double BackgroundUncertainty, double Eot)
{
    public LimitMethod Method { get; init; } = LimitMethod.Cls;
    /// <summary>Relative uncertainty of the A' yield Y(m) (physics.md §9: ~10%).</summary>
    public double YieldRelativeUncertainty { get; init; } = 0.10;
    /// <summary>Relative uncertainty of the EOT count.</summary>
    public double EotRelativeUncertainty { get; init; }
    public double ConfidenceLevel { get; init; } = 0.9;
}
