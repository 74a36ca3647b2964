namespace NA64.Reco.Physics.Detector;

/// <summary>VETO scintillator counters behind the ECAL (physics.md §3).</summary>
public sealed record VetoConditions
{
    public required int Counters { get; init; }
    public required double MipMeV { get; init; }
    public required double NoiseMeV { get; init; }
    /// <summary>Half-width of the (triangular) pulse: a pile-up deposit Δt away adds max(0, 1 − |Δt|/w) of itself.</summary>
    public required double PulseHalfWidthNs { get; init; }
    /// <summary>Fraction of counter readings whose noise comes from the wide component (non-Gaussian tails).</summary>
    public required double NoiseTailFraction { get; init; }
    /// <summary>σ of the wide noise component in units of <see cref="NoiseMeV"/>.</summary>
    public required double NoiseTailFactor { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Count("veto.counters", Counters, 1, 16);
        v.Positive("veto.mipMeV", MipMeV);
        v.NonNegative("veto.noiseMeV", NoiseMeV);
        v.Positive("veto.pulseHalfWidthNs", PulseHalfWidthNs);
        v.Fraction("veto.noiseTailFraction", NoiseTailFraction);
        v.InRange("veto.noiseTailFactor", NoiseTailFactor, 1, 1000);
    }
}
