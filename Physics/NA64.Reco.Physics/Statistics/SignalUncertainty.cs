namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// The relative uncertainty σ_s of the signal scale and the prior it enters with; a plain number is a truncated
/// Gaussian of that width, as in the published Cousins–Highland tables.
/// </summary>
public readonly record struct SignalUncertainty(double Relative, SignalScalePrior Prior = SignalScalePrior.TruncatedGaussian)
{
    public static implicit operator SignalUncertainty(double relative) => new(relative);

    public override string ToString() => Prior == SignalScalePrior.LogNormal ? $"{Relative} (log-normal)" : Relative.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
