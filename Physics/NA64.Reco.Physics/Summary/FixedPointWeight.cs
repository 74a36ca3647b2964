namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Event weights as 2⁻⁶⁰ fixed-point integers, summed in <see cref="Int128"/>: integer sums are exact and
/// independent of order, so any split of a sample into chunks gives bit-identical weighted totals
/// (floating-point sums would not).
/// </summary>
public static class FixedPointWeight
{
    private const double Scale = 1152921504606846976.0; // 2^60

    /// <summary>Quantises a weight (must be within [0, 2^67)).</summary>
    public static Int128 FromDouble(double weight)
    {
        if (!(weight >= 0) || weight >= 147573952589676412928.0) throw new ArgumentOutOfRangeException(nameof(weight), weight, "weight must be in [0, 2^67)");
        return (Int128)Math.Round(weight * Scale, MidpointRounding.ToEven);
    }

    public static double ToDouble(Int128 sum) => (double)sum / Scale;
}
