namespace NA64.Reco.Physics.RawData;

/// <summary>The beam particle of an event (MC truth).</summary>
public enum ParticleKind : byte
{
    Electron = 0,
    Pion = 1,
    Kaon = 2,
    Muon = 3,
}
