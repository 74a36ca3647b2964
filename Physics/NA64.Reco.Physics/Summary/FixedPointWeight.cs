namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Event weights as fixed-point integers in the two limbs of a <see cref="WeightSum"/>, summed in <see cref="Int128"/>:
/// integer sums are exact and independent of order, so any split of a sample into chunks gives bit-identical weighted
/// totals (floating-point sums would not). A value of at least 2⁻⁴⁰ is counted in units of 2⁻⁶⁰ (a relative
/// quantisation below 10⁻⁶), a smaller one in units of 2⁻¹²⁴ ≈ 4.7 × 10⁻³⁸ (10⁻⁵ of the square of a 5 × 10⁻¹⁷ weight).
/// </summary>
public static class FixedPointWeight
{
    private const double CoarseScale = 1152921504606846976.0; // 2^60
    private const double FineScale = 21267647932558653966460912964485513216.0; // 2^124
    /// <summary>2⁻⁴⁰: the smallest value the coarse limb takes.</summary>
    private const double CoarseFrom = 1.0 / 1099511627776.0;

    /// <summary>Quantises a weight or a squared weight (must be within [0, 2^67)).</summary>
    public static WeightSum FromDouble(double weight)
    {
        if (!(weight >= 0) || weight >= 147573952589676412928.0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be in [0, 2^67)");
        return weight >= CoarseFrom
            ? new WeightSum((Int128)Math.Round(weight * CoarseScale, MidpointRounding.ToEven), 0)
            : new WeightSum(0, (Int128)Math.Round(weight * FineScale, MidpointRounding.ToEven));
    }

    public static double ToDouble(WeightSum sum) => (double)sum.Coarse / CoarseScale + (double)sum.Fine / FineScale;
}
