namespace NA64.Reco.Physics.Simulation;

/// <summary>What a hadron of an absorbed photon's final state (<see cref="PhotonHadrons"/>) does in the detector.</summary>
internal enum HadronKind : byte
{
    /// <summary>A charged pion (or kaon): ionises, then showers as a hadron.</summary>
    Charged,
    /// <summary>A π⁰ (or another neutral that decays at once to photons): one EM shower.</summary>
    NeutralPion,
    /// <summary>A K⁰_L: no ionisation, showers as a hadron where it interacts, or leaves the calorimeters unseen.</summary>
    LongLivedNeutral,
}
