namespace NA64.Reco.Physics.RawData;

/// <summary>What happened to the beam particle (MC truth): the per-source background categories of physics.md §8.</summary>
[Flags]
public enum TruthFlags : ushort
{
    None = 0,
    /// <summary>An A' was emitted in the shower.</summary>
    APrime = 1 << 0,
    /// <summary>e⁻Z → e⁻Zμ⁺μ⁻ in the ECAL.</summary>
    Dimuon = 1 << 1,
    /// <summary>π/K → μν upstream of the ECAL.</summary>
    DecayInFlight = 1 << 2,
    /// <summary>Electron from the low-energy beam tail.</summary>
    LowEnergyTail = 1 << 3,
    /// <summary>Hadron that interacted in the ECAL or HCAL.</summary>
    HadronInteraction = 1 << 4,
    /// <summary>Hadron that crossed ECAL and HCAL without interacting.</summary>
    PunchThrough = 1 << 5,
    /// <summary>Energy leaked out of ECAL + HCAL (lateral or longitudinal).</summary>
    Leakage = 1 << 6,
    /// <summary>Another beam particle within the SRD coincidence window of the trigger (pile-up in time, physics.md §3b).</summary>
    InTimePileUp = 1 << 7,
    /// <summary>Another beam particle's pulse overlapped the event's in ECAL, HCAL or VETO (physics.md §3b).</summary>
    PileUp = 1 << 8,
    /// <summary>Of the in-time pile-up, an e⁻ whose synchrotron radiation reaches the SRD with the event's (physics.md §3a).</summary>
    InTimeSrPileUp = 1 << 9,
    /// <summary>π⁻ → e⁻ν̄, K⁻ → e⁻ν̄ or K⁻ → π⁰e⁻ν̄ upstream of the ECAL (docs/physics.md §4a).</summary>
    DecayToElectron = 1 << 10,
    /// <summary>e⁻A → e⁻X in the material between the last tracker and the ECAL, the hadrons X escaping or not (docs/physics.md §4b).</summary>
    ElectroNuclear = 1 << 11,
    /// <summary>γA → X of a photon the beam electron radiated in the ECAL, its hadrons escaping or not (docs/physics.md §4c).</summary>
    PhotoNuclear = 1 << 12,
}
