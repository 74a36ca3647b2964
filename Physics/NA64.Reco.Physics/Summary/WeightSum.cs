namespace NA64.Reco.Physics.Summary;

/// <summary>
/// An exact, order-independent sum of event weights (or of their squares) in two fixed-point limbs
/// (<see cref="FixedPointWeight"/>): <see cref="Coarse"/> counts 2⁻⁶⁰ and holds the values of at least 2⁻⁴⁰,
/// <see cref="Fine"/> counts 2⁻¹²⁴ and holds the smaller ones. One 128-bit limb cannot span both 10¹¹ unit weights and
/// the square of a 10⁻¹⁷ weight (a chain of forced processes); each limb stays far from overflow: 2⁶⁷ in the coarse,
/// and values below 2⁸⁴ units, 2⁴³ events of them, in the fine.
/// </summary>
public readonly record struct WeightSum(Int128 Coarse, Int128 Fine)
{
    public static readonly WeightSum Zero;

    public static WeightSum operator +(WeightSum a, WeightSum b) => new(a.Coarse + b.Coarse, a.Fine + b.Fine);

    public static WeightSum operator *(long n, WeightSum w) => new(n * w.Coarse, n * w.Fine);

    public static WeightSum operator *(WeightSum w, long n) => n * w;

    /// <summary>A sum in the coarse limb alone, as every sum was before the fine one.</summary>
    public static implicit operator WeightSum(Int128 coarse) => new(coarse, 0);
}
