namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>An element a muon crosses, with its thickness: what the muon's energy transfers depend on (physics.md §8c).</summary>
/// <param name="Name">Printed in tables ("Pb", "Fe").</param>
/// <param name="Z">Atomic number.</param>
/// <param name="A">Atomic mass in g/mol.</param>
/// <param name="ThicknessGPerCm2">Mass thickness crossed, in g/cm².</param>
public sealed record MuonAbsorber(string Name, int Z, double A, double ThicknessGPerCm2)
{
    /// <summary>Atoms per gram: N_A / A.</summary>
    public double AtomsPerGram => APrime.APrimeCrossSection.Avogadro / A;
}
