namespace NA64.Reco.Physics.Detector;

/// <summary>A' production target (the ECAL absorber) and k-factors to the IWW cross-section (physics.md §5).</summary>
public sealed record APrimeConditions
{
    /// <summary>Atomic number of the absorber (Pb: 82).</summary>
    public required int AbsorberZ { get; init; }
    public required double AbsorberA { get; init; }
    public required double AbsorberDensityGPerCm3 { get; init; }
    public required double AbsorberX0Cm { get; init; }
    /// <summary>A' energy fraction below which emission is not simulated (signal needs E_A' &gt; E₀/2).</summary>
    public required double MinEnergyFraction { get; init; }
    /// <summary>k-factors by mass, interpolated linearly in log m; an empty list means 1.</summary>
    public required KFactor[] KFactors { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Count("aprime.absorberZ", AbsorberZ, 1, 120);
        v.Positive("aprime.absorberA", AbsorberA);
        v.Positive("aprime.absorberDensityGPerCm3", AbsorberDensityGPerCm3);
        v.Positive("aprime.absorberX0Cm", AbsorberX0Cm);
        v.InRange("aprime.minEnergyFraction", MinEnergyFraction, 0, 1);
        v.NoNullElements("aprime.kFactors", KFactors);
        for (var i = 0; i < KFactors.Length; i++)
        {
            v.Positive($"aprime.kFactors[{i}].massMeV", KFactors[i].MassMeV);
            v.Positive($"aprime.kFactors[{i}].k", KFactors[i].K);
            if (i > 0 && !(KFactors[i].MassMeV > KFactors[i - 1].MassMeV))
                throw v.Fail($"aprime.kFactors[{i}].massMeV", "k-factors must be in increasing mass");
        }
    }
}
