namespace NA64.Reco.Physics.Detector;

/// <summary>VETO scintillator counters behind the ECAL (physics.md §3).</summary>
public sealed record VetoConditions
{
    public required int Counters { get; init; }
    public required double MipMeV { get; init; }
    public required double NoiseMeV { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Count("veto.counters", Counters, 1, 16);
        v.Positive("veto.mipMeV", MipMeV);
        v.NonNegative("veto.noiseMeV", NoiseMeV);
    }
}
