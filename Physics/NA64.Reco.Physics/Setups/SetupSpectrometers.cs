using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>The muon programme's two spectrometers: the incoming muon's before the target, the outgoing one's behind it.</summary>
public sealed record SetupSpectrometers(SetupSpectrometer Incoming, SetupSpectrometer Outgoing)
{
    internal void Validate(ConditionsValidator v)
    {
        (Incoming ?? throw v.Fail("spectrometers.incoming", "is required")).Validate(v, "spectrometers.incoming");
        (Outgoing ?? throw v.Fail("spectrometers.outgoing", "is required")).Validate(v, "spectrometers.outgoing");
    }
}
