namespace NA64.Reco.Physics.Detector;

/// <summary>Hadron calorimeter: modules of 3 × 3 cells (physics.md §3).</summary>
public sealed record HcalConditions
{
    [System.Text.Json.Serialization.JsonPropertyName("zM")]
    public required double ZM { get; init; }
    public required double CentreXMm { get; init; }
    public required double CentreYMm { get; init; }
    public required int Modules { get; init; }
    public required int Nx { get; init; }
    public required int Ny { get; init; }
    public required double CellMm { get; init; }
    public required double InteractionLengthsPerModule { get; init; }
    public required double Stochastic { get; init; }
    public required double Constant { get; init; }
    public required double NoiseMeV { get; init; }
    public required double ZeroSuppressionMeV { get; init; }
    public required double MipMeVPerModule { get; init; }

    public int CellsPerModule => Nx * Ny;

    internal void Validate(ConditionsValidator v)
    {
        v.Positive("hcal.zM", ZM);
        v.Count("hcal.modules", Modules, 1, 8);
        v.Count("hcal.nx", Nx, 1, 8);
        v.Count("hcal.ny", Ny, 1, 8);
        v.Positive("hcal.cellMm", CellMm);
        v.Positive("hcal.interactionLengthsPerModule", InteractionLengthsPerModule);
        v.InRange("hcal.stochastic", Stochastic, 0, 5);
        v.InRange("hcal.constant", Constant, 0, 1);
        v.NonNegative("hcal.noiseMeV", NoiseMeV);
        v.NonNegative("hcal.zeroSuppressionMeV", ZeroSuppressionMeV);
        v.Positive("hcal.mipMeVPerModule", MipMeVPerModule);
    }
}
