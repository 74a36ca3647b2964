using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The dump an A' or X is emitted in (physics.md §5, §8a): its absorber, whose nuclei the e± scatter off and whose
/// radiation length the shower's depth is counted in (a sampling calorimeter's X₀ is dominated by it), the dump's depth,
/// the lowest A' energy fraction the signal can have, and the exact-tree-level correction for that absorber.
/// </summary>
/// <param name="Z">Atomic number of the absorber.</param>
/// <param name="A">Its atomic mass in g/mol.</param>
/// <param name="DensityGPerCm3">Its density.</param>
/// <param name="X0Cm">Its radiation length.</param>
/// <param name="DepthX0">Depth of the dump in radiation lengths.</param>
/// <param name="MinEnergyFraction">A' energy fraction below which emission is not simulated.</param>
/// <param name="KFactors">k(m, E) = σ_ETL / σ_IWW for this absorber.</param>
public sealed record APrimeTarget(
    int Z,
    double A,
    double DensityGPerCm3,
    double X0Cm,
    double DepthX0,
    double MinEnergyFraction,
    KFactorTable KFactors)
{
    /// <summary>The invisible mode's dump: the ECAL (preshower and main section) with the conditions' <c>aPrime</c> absorber.</summary>
    public static APrimeTarget EcalOf(DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var ap = conditions.APrime;
        return new APrimeTarget(ap.AbsorberZ, ap.AbsorberA, ap.AbsorberDensityGPerCm3, ap.AbsorberX0Cm,
            conditions.Ecal.PreshowerX0 + conditions.Ecal.MainX0, ap.MinEnergyFraction, ap.KFactorTableInUse);
    }

    /// <summary>ρ N_A X₀ / A: absorber atoms per cm² per radiation length.</summary>
    public double AtomsPerCm2PerX0 => DensityGPerCm3 * APrimeCrossSection.Avogadro / A * X0Cm;
}
