namespace NA64.Reco.Physics.RawData;

/// <summary>What a spill holds: real data or one of the simulated samples.</summary>
public enum SampleKind : byte
{
    /// <summary>Recorded data (no MC truth).</summary>
    Data = 0,
    /// <summary>SM electrons plus beam impurities and tail.</summary>
    Beam = 1,
    /// <summary>A pure π⁻ beam, as in calibration runs.</summary>
    Hadron = 2,
    /// <summary>Electrons with a forced, weighted A' emission at a given mass.</summary>
    Signal = 3,
    /// <summary>Electrons with forced e⁻Z → e⁻Zμ⁺μ⁻.</summary>
    Dimuon = 4,
    /// <summary>A pure K⁻ beam of the beam's energy: the kaons of the beam without the rest, for their decays in flight.</summary>
    Kaon = 5,
    /// <summary>
    /// A pure beam of nominal electrons: the beam's electrons without the rest, for the photo-nuclear reactions of their
    /// showers in the ECAL (docs/physics.md §4c).
    /// </summary>
    Electron = 6,
    /// <summary>
    /// Beam muons of a muon-programme setup that emit nothing, through its selection (docs/physics.md §8b): the muon
    /// campaign's reference. Simulated as cut-flows (<see cref="Simulation.Muon.MuonEventSimulation"/>), never as raw events.
    /// </summary>
    Muon = 7,
    /// <summary>Beam muons of a muon-programme setup with a forced Z' emission at a given mass, through its selection; never raw events.</summary>
    ZPrime = 8,
    /// <summary>
    /// Beam electrons of a visible-programme setup with a forced X (A') emission at a given mass in its dump, its decay's
    /// readings through the setup's selection (<see cref="Simulation.APrime.VisibleEventSimulation"/>); never raw events.
    /// </summary>
    X = 9,
    /// <summary>
    /// Beam electrons of a visible-programme setup with a forced photo-nuclear K⁰_S in its dump that decays to π⁰π⁰ in the
    /// decay region with an e⁺e⁻ pair before S4, weighted, through the setup's selection
    /// (<see cref="Simulation.APrime.VisibleKaonShortBackground"/>): the background per EOT; never raw events.
    /// </summary>
    KaonShortNeutral = 10,
    /// <summary>The same K⁰_S decaying to π⁺π⁻ (<see cref="Simulation.APrime.VisibleKaonShortBackground"/>); never raw events.</summary>
    KaonShortCharged = 11,
}
