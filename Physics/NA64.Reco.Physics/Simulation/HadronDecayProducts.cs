namespace NA64.Reco.Physics.Simulation;

/// <summary>What a decay in flight leaves besides the charged daughter on the track: its channel and energies, and a K_e3's π⁰.</summary>
internal struct HadronDecayProducts
{
    public DecayChannel Channel;
    /// <summary>Lab energy of the charged daughter (μ⁻ or e⁻).</summary>
    public double DaughterEnergyGeV;
    /// <summary>Lab energy of the π⁰ of a K_e3 (0 otherwise) and its angles to the parent's direction.</summary>
    public double NeutralPionEnergyGeV, NeutralSlopeX, NeutralSlopeY;

    public readonly bool ToElectron => Channel is DecayChannel.ElectronNu or DecayChannel.KaonE3;
}
