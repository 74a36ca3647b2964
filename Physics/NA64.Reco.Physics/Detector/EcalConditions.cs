namespace NA64.Reco.Physics.Detector;

/// <summary>Electromagnetic calorimeter: 6 × 6 Pb/Sc cells, preshower and main sections (physics.md §3, §4).</summary>
public sealed record EcalConditions
{
    [System.Text.Json.Serialization.JsonPropertyName("zM")]
    public required double ZM { get; init; }
    public required double CentreXMm { get; init; }
    public required double CentreYMm { get; init; }
    public required int Nx { get; init; }
    public required int Ny { get; init; }
    public required double CellMm { get; init; }
    /// <summary>Cell the nominal deflected beam enters: the "central cell" of the shower-centre cut.</summary>
    public required int CentralCellX { get; init; }
    public required int CentralCellY { get; init; }
    public required double PreshowerX0 { get; init; }
    public required double MainX0 { get; init; }
    /// <summary>Stochastic term a of σ_E/E = a/√E ⊕ b (E in GeV).</summary>
    public required double Stochastic { get; init; }
    public required double Constant { get; init; }
    public required double NoiseMeV { get; init; }
    /// <summary>Cells below this are not read out (zero suppression).</summary>
    public required double ZeroSuppressionMeV { get; init; }
    public required double MoliereRadiusMm { get; init; }
    public required double CriticalEnergyMeV { get; init; }
    /// <summary>Longitudinal profile scale b of dE/dt ∝ (bt)^(a−1) e^(−bt).</summary>
    public required double ProfileB { get; init; }
    /// <summary>Total depth in nuclear interaction lengths.</summary>
    public required double InteractionLengths { get; init; }
    /// <summary>Energy of a minimum-ionising particle crossing the whole ECAL.</summary>
    public required double MipMeV { get; init; }
    /// <summary>Half-width of the (triangular) pulse: a pile-up deposit Δt away adds max(0, 1 − |Δt|/w) of itself.</summary>
    public required double PulseHalfWidthNs { get; init; }
    /// <summary>Fraction of channel readings whose noise comes from the wide component (non-Gaussian tails).</summary>
    public required double NoiseTailFraction { get; init; }
    /// <summary>σ of the wide noise component (and of a hot cell's noise) in units of <see cref="NoiseMeV"/>.</summary>
    public required double NoiseTailFactor { get; init; }
    /// <summary>Cells (iy × nx + ix) that read nothing, both sections.</summary>
    public required int[] DeadCells { get; init; }
    /// <summary>Cells whose noise is always the wide component.</summary>
    public required int[] HotCells { get; init; }

    public int Cells => Nx * Ny;

    internal void Validate(ConditionsValidator v)
    {
        v.Positive("ecal.zM", ZM);
        v.Count("ecal.nx", Nx, 1, 32);
        v.Count("ecal.ny", Ny, 1, 32);
        v.Positive("ecal.cellMm", CellMm);
        v.Count("ecal.centralCellX", CentralCellX, 0, Nx - 1);
        v.Count("ecal.centralCellY", CentralCellY, 0, Ny - 1);
        v.Positive("ecal.preshowerX0", PreshowerX0);
        v.Positive("ecal.mainX0", MainX0);
        v.InRange("ecal.stochastic", Stochastic, 0, 2);
        v.InRange("ecal.constant", Constant, 0, 1);
        v.NonNegative("ecal.noiseMeV", NoiseMeV);
        v.NonNegative("ecal.zeroSuppressionMeV", ZeroSuppressionMeV);
        v.Positive("ecal.moliereRadiusMm", MoliereRadiusMm);
        v.Positive("ecal.criticalEnergyMeV", CriticalEnergyMeV);
        v.Positive("ecal.profileB", ProfileB);
        v.Positive("ecal.interactionLengths", InteractionLengths);
        v.Positive("ecal.mipMeV", MipMeV);
        v.Positive("ecal.pulseHalfWidthNs", PulseHalfWidthNs);
        v.Fraction("ecal.noiseTailFraction", NoiseTailFraction);
        v.InRange("ecal.noiseTailFactor", NoiseTailFactor, 1, 1000);
        v.CellList("ecal.deadCells", DeadCells, Cells);
        v.CellList("ecal.hotCells", HotCells, Cells);
    }
}
