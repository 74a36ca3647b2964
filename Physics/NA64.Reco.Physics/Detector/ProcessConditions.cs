namespace NA64.Reco.Physics.Detector;

/// <summary>
/// Rates of rare processes simulated in beam samples (physics.md §4) that no model of this code computes. The dimuon
/// rate is not among them: it is the dimuon emitter's own (<see cref="Simulation.APrime.DimuonExpectation"/>).
/// </summary>
public sealed record ProcessConditions
{
    /// <summary>Fraction of hadrons that cross ECAL and HCAL without a nuclear interaction.</summary>
    public required double HadronPunchThroughFraction { get; init; }

    /// <summary>
    /// The material in the beam's path downstream of the magnet, where an electron's electro-nuclear interaction
    /// (<see cref="Simulation.ElectroNuclear"/>) can happen; none by default of the key.
    /// </summary>
    public MaterialLayer[] UpstreamMaterial { get; init; } = [];

    /// <summary>
    /// Whether the shower photons of an electron in the ECAL are absorbed by its lead nuclei
    /// (<see cref="Simulation.ShowerPhotoNuclear"/>, with the absorber of <see cref="APrimeConditions"/>); off by default
    /// of the key.
    /// </summary>
    public bool EcalPhotoNuclear { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Fraction("processes.hadronPunchThroughFraction", HadronPunchThroughFraction);
        for (var i = 0; i < UpstreamMaterial.Length; i++) UpstreamMaterial[i].Validate(v, $"processes.upstreamMaterial[{i}]");
    }
}
