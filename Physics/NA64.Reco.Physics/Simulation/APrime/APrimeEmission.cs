namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// One forced A' emission in the shower of a dump: the A' energy, where it happened (depth in X₀ of the dump),
/// the energy of the emitting e± at that point, and the event weight = probability of such an emission at ε = 1.
/// </summary>
public readonly record struct APrimeEmission(double EnergyGeV, double DepthX0, double ParentEnergyGeV, double Weight);
