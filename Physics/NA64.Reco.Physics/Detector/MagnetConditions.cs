namespace NA64.Reco.Physics.Detector;

/// <summary>The two MBPL dipoles seen as one field region bending in x (physics.md §3).</summary>
public sealed record MagnetConditions
{
    public required double ZStartM { get; init; }
    public required double ZEndM { get; init; }
    public required double FieldIntegralTm { get; init; }

    /// <summary>z of the effective kink point of a straight-line approximation.</summary>
    public double ZCentreM => 0.5 * (ZStartM + ZEndM);

    public double FieldT => FieldIntegralTm / (ZEndM - ZStartM);

    internal void Validate(ConditionsValidator v)
    {
        v.NonNegative("magnet.zStartM", ZStartM);
        if (!(ZEndM > ZStartM)) throw v.Fail("magnet.zEndM", $"must be > zStartM ({ZStartM}), got {ZEndM}");
        v.InRange("magnet.fieldIntegralTm", FieldIntegralTm, 0.01, 100);
    }
}
