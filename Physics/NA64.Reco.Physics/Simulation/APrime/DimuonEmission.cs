namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>One e⁻Z → e⁻Zμ⁺μ⁻ in the ECAL: the muon energies and the depth (X₀) at which the pair was produced.</summary>
public readonly record struct DimuonEmission(double MuPlusEnergyGeV, double MuMinusEnergyGeV, double DepthX0);
