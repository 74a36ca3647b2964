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
    /// <summary>Half-width of the (triangular) pulse: a pile-up deposit Δt away adds max(0, 1 − |Δt|/w) of itself.</summary>
    public required double PulseHalfWidthNs { get; init; }
    /// <summary>Fraction of channel readings whose noise comes from the wide component (non-Gaussian tails).</summary>
    public required double NoiseTailFraction { get; init; }
    /// <summary>σ of the wide noise component (and of a hot cell's noise) in units of <see cref="NoiseMeV"/>.</summary>
    public required double NoiseTailFactor { get; init; }
    /// <summary>Cells (module × cellsPerModule + iy × nx + ix) that read nothing.</summary>
    public required int[] DeadCells { get; init; }
    /// <summary>Cells whose noise is always the wide component.</summary>
    public required int[] HotCells { get; init; }

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
        v.Positive("hcal.pulseHalfWidthNs", PulseHalfWidthNs);
        v.Fraction("hcal.noiseTailFraction", NoiseTailFraction);
        v.InRange("hcal.noiseTailFactor", NoiseTailFactor, 1, 1000);
        v.CellList("hcal.deadCells", DeadCells, Modules * CellsPerModule);
        v.CellList("hcal.hotCells", HotCells, Modules * CellsPerModule);
    }
}
