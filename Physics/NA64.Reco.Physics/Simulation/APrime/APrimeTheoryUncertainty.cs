using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The theory uncertainty of the A' yield, per mass, taken as the difference between the two calculations the code
/// holds: this code's IWW cross-section and the exact-tree-level one it is corrected to (k = σ_ETL / σ_IWW of the
/// conditions' <see cref="KFactorTable"/>). The relative uncertainty is |Y_ETL − Y_IWW| / Y_ETL, the whole difference,
/// not a fraction of it: for an IWW-like approximation against the exact tree level this is the size of the effect the
/// correction removes (Gninenko, Kirpichnikov, Kirsanov, Krasnikov, PLB 782 (2018) 406, arXiv:1712.05706, who call it
/// significant), and no published estimate of the residual uncertainty of the ETL numbers was available to scale it
/// by. It is meant to replace the flat 10% of physics.md §9 in the limits (docs/aprime-production.md gives the values).
/// </summary>
public static class APrimeTheoryUncertainty
{
    /// <summary>Seed of the paired yield estimates; any fixed value gives the same ratio to ~10⁻³.</summary>
    private const ulong Seed = 0x45544C5F_4957UL;

    /// <summary>|σ_ETL − σ_IWW| / σ_ETL = |k − 1| / k at one mass and emitting e± energy.</summary>
    public static double CrossSectionRelative(KFactorTable table, double massMeV, double energyGeV)
    {
        ArgumentNullException.ThrowIfNull(table);
        var k = table.At(massMeV, energyGeV);
        return Math.Abs(k - 1) / k;
    }

    /// <summary>
    /// |Y_ETL − Y_IWW| / Y_ETL at the conditions' beam energy: the yield per EOT with the conditions' k-factor table and
    /// with k = 1, from the same <paramref name="events"/> simulated electrons (the two weights of an event differ only by k
    /// along the same leading track, so the ratio is precise to ~10⁻³ with the default 20 000). Zero when the conditions
    /// carry no correction (k = 1): there is then no ETL number in them to compare with. About 20 ms per mass.
    /// </summary>
    public static double YieldRelative(DetectorConditions conditions, double massMeV, int events = 20000)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(events);
        var uncorrected = conditions with { APrime = conditions.APrime with { KFactorTable = KFactorTable.Unity } };
        var beam = conditions.Beam.EnergyGeV;
        var etl = new APrimeEmitter(conditions, massMeV).EstimateYieldPerEot(beam, events, Seed);
        var iww = new APrimeEmitter(uncorrected, massMeV).EstimateYieldPerEot(beam, events, Seed);
        return etl > 0 ? Math.Abs(etl - iww) / etl : 0;
    }
}
