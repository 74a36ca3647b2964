namespace NA64.Reco.Physics.Detector;

/// <summary>
/// A slab of material along the beam, from <see cref="ZStartM"/> to <see cref="ZEndM"/> (equal for a thin one):
/// its thickness in g/cm² and its mass number A (for a mixture, the nucleon-weighted mean), as the electro-nuclear
/// rate needs them (docs/physics.md §4b).
/// </summary>
public sealed record MaterialLayer
{
    public required string Name { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("zStartM")]
    public required double ZStartM { get; init; }
    [System.Text.Json.Serialization.JsonPropertyName("zEndM")]
    public required double ZEndM { get; init; }
    public required double GramsPerCm2 { get; init; }
    public required double MassNumber { get; init; }

    internal void Validate(ConditionsValidator v, string field)
    {
        v.NotEmpty($"{field}.name", Name);
        v.NonNegative($"{field}.zStartM", ZStartM);
        v.InRange($"{field}.zEndM", ZEndM, ZStartM, 1e4);
        v.NonNegative($"{field}.gramsPerCm2", GramsPerCm2);
        v.InRange($"{field}.massNumber", MassNumber, 1, 300);
    }
}
