namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// One forced Z' emission by a beam muon in the target: the Z' energy and angle to the beam, where it happened (depth
/// in the target's X₀), and the event weight = probability of such an emission per muon at g = 1.
/// </summary>
public readonly record struct ZPrimeEmission(double EnergyGeV, double AngleRad, double DepthX0, double Weight);
