namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>A layer of one element a muon crosses, with its thickness (physics.md §8c).</summary>
/// <param name="Name">Printed in tables ("ECAL", "HCAL").</param>
/// <param name="Material">The element.</param>
/// <param name="ThicknessGPerCm2">Mass thickness crossed, in g/cm².</param>
public sealed record MuonAbsorber(string Name, MuonMaterial Material, double ThicknessGPerCm2)
{
    public int Z => Material.Z;
    public double A => Material.A;
}
