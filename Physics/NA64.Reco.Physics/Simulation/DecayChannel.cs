namespace NA64.Reco.Physics.Simulation;

/// <summary>The channel of a hadron's decay in flight.</summary>
internal enum DecayChannel : byte
{
    None = 0,
    MuonNu,
    ElectronNu,
    KaonE3,
}
