namespace NA64.Reco.Physics.Detector;

/// <summary>H4 electron beam: energy, spread, spot, and impurity fractions (physics.md §2).</summary>
public sealed record BeamConditions
{
    public required double EnergyGeV { get; init; }
    /// <summary>σ_p/p of the beam momentum.</summary>
    public required double MomentumSpread { get; init; }
    public required double SpotSigmaMm { get; init; }
    public required double DivergenceMrad { get; init; }
    public required double SpillDurationS { get; init; }
    /// <summary>Beam particles per spill (the intensity): with the spill duration, the rate of pile-up (physics.md §3b).</summary>
    public required double ParticlesPerSpill { get; init; }
    public required double PionFraction { get; init; }
    public required double KaonFraction { get; init; }
    public required double MuonFraction { get; init; }
    /// <summary>Fraction of low-energy electrons, flat in [TailMinGeV, TailMaxGeV].</summary>
    public required double LowEnergyTailFraction { get; init; }
    public required double TailMinGeV { get; init; }
    public required double TailMaxGeV { get; init; }
    /// <summary>Length of beam line upstream of the ECAL in which π/K can decay in flight.</summary>
    public required double DecayRegionM { get; init; }

    /// <summary>Beam particles that are electrons of the nominal energy: neither π, K, μ nor of the low-energy tail.</summary>
    public double NominalElectronFraction => 1 - PionFraction - KaonFraction - MuonFraction - LowEnergyTailFraction;

    internal void Validate(ConditionsValidator v)
    {
        v.InRange("beam.energyGeV", EnergyGeV, 1, 1000);
        v.InRange("beam.momentumSpread", MomentumSpread, 0, 0.2);
        v.NonNegative("beam.spotSigmaMm", SpotSigmaMm);
        v.NonNegative("beam.divergenceMrad", DivergenceMrad);
        v.Positive("beam.spillDurationS", SpillDurationS);
        v.InRange("beam.particlesPerSpill", ParticlesPerSpill, 0, 1e9);
        v.Fraction("beam.pionFraction", PionFraction);
        v.Fraction("beam.kaonFraction", KaonFraction);
        v.Fraction("beam.muonFraction", MuonFraction);
        v.Fraction("beam.lowEnergyTailFraction", LowEnergyTailFraction);
        v.Fraction("beam.(impurity fractions summed)", PionFraction + KaonFraction + MuonFraction + LowEnergyTailFraction);
        v.Positive("beam.tailMinGeV", TailMinGeV);
        v.InRange("beam.tailMaxGeV", TailMaxGeV, TailMinGeV, EnergyGeV);
        v.NonNegative("beam.decayRegionM", DecayRegionM);
    }
}
