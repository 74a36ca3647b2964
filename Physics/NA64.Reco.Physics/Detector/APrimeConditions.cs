using System.Text.Json;
using System.Text.Json.Serialization;

namespace NA64.Reco.Physics.Detector;

/// <summary>A' production target (the ECAL absorber) and the exact-tree-level correction of the IWW cross-section (physics.md §5).</summary>
public sealed record APrimeConditions
{
    /// <summary>Atomic number of the absorber (Pb: 82).</summary>
    public required int AbsorberZ { get; init; }
    public required double AbsorberA { get; init; }
    public required double AbsorberDensityGPerCm3 { get; init; }
    public required double AbsorberX0Cm { get; init; }
    /// <summary>A' energy fraction below which emission is not simulated (signal needs E_A' &gt; E₀/2).</summary>
    public required double MinEnergyFraction { get; init; }

    /// <summary>
    /// k(m, E) = σ_ETL / σ_IWW by mass and energy, as written in the file; null only in a version-1 file, which has the
    /// empty <c>kFactors</c> list instead. Use <see cref="KFactorTableInUse"/>.
    /// </summary>
    public KFactorTable? KFactorTable { get; init; }

    /// <summary>
    /// The version-1 field <c>kFactors</c> (a per-mass list in DMG4's inverse convention, σ_IWW/σ_ETL against its closed
    /// form). Still read so that version-1 files load, but only as the empty list they all had: no correction.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("kFactors")]
    internal JsonElement? LegacyKFactors { get; init; }

    /// <summary>The correction applied: the table, or k = 1 for a version-1 file.</summary>
    [JsonIgnore]
    public KFactorTable KFactorTableInUse => KFactorTable ?? KFactorTable.Unity;

    internal void Validate(ConditionsValidator v)
    {
        v.Count("aPrime.absorberZ", AbsorberZ, 1, 120);
        v.Positive("aPrime.absorberA", AbsorberA);
        v.Positive("aPrime.absorberDensityGPerCm3", AbsorberDensityGPerCm3);
        v.Positive("aPrime.absorberX0Cm", AbsorberX0Cm);
        v.InRange("aPrime.minEnergyFraction", MinEnergyFraction, 0, 1);
        if (LegacyKFactors is { } legacy)
        {
            if (KFactorTable is not null)
                throw v.Fail("aPrime.kFactors", "the version-1 field cannot be given together with aPrime.kFactorTable: remove it");
            if (legacy.ValueKind != JsonValueKind.Array || legacy.GetArrayLength() != 0)
                throw v.Fail("aPrime.kFactors",
                    "the version-1 per-mass list (k = σ_IWW/σ_ETL against DMG4's closed form) is replaced by aPrime.kFactorTable "
                    + "(k = σ_ETL/σ_IWW of this code, by mass and energy; docs/aprime-production.md); only the empty list (no correction) is still read");
            return;
        }
        if (KFactorTable is null)
            throw v.Fail("aPrime.kFactorTable", "is required: k = σ_ETL/σ_IWW by A' mass and e± energy (docs/aprime-production.md)");
        KFactorTable.Validate(v, "aPrime.kFactorTable");
    }
}
