namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>The ways a high-energy muon hands a discrete part of its energy to the material it crosses (physics.md §8c).</summary>
public enum MuonProcess
{
    /// <summary>A knock-on electron (δ-ray) off an atomic electron.</summary>
    KnockOnElectron,
    /// <summary>Bremsstrahlung in the field of the nucleus and of the atomic electrons.</summary>
    Bremsstrahlung,
    /// <summary>Direct e⁺e⁻ pair production.</summary>
    PairProduction,
    /// <summary>Inelastic scattering off the nucleus through a virtual photon (photonuclear).</summary>
    PhotoNuclear,
}
