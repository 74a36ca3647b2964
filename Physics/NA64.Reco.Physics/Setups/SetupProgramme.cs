namespace NA64.Reco.Physics.Setups;

/// <summary>Which of NA64's searches a setup describes, and so which chain and analysis read it (docs/setups.md).</summary>
public enum SetupProgramme
{
    /// <summary>100 GeV e⁻ dumped in an active ECAL, missing energy (physics.md §1–§9): the conditions are the whole setup.</summary>
    Invisible,

    /// <summary>160 GeV μ⁻ at M2, a Z' of L_μ − L_τ radiated in the active target, missing energy and momentum (physics.md §8b).</summary>
    Muon,

    /// <summary>e⁻ dumped in a tungsten calorimeter (WCAL), an X/A' that decays to e⁺e⁻ behind it, before the ECAL (physics.md §8a).</summary>
    Visible,
}
