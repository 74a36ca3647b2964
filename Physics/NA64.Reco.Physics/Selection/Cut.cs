namespace NA64.Reco.Physics.Selection;

/// <summary>Rows of the invisible-mode cut-flow, in the order they are applied (physics.md §7).</summary>
public enum Cut
{
    /// <summary>Every event read.</summary>
    All = 0,
    /// <summary>E_ECAL &lt; ~80 GeV and preshower &gt; 0.3 GeV.</summary>
    Trigger,
    /// <summary>Exactly one good upstream track.</summary>
    SingleTrack,
    /// <summary>Momentum within 100 ± 3 GeV.</summary>
    Momentum,
    /// <summary>SRD: every module in its energy window and in time.</summary>
    SrdTag,
    /// <summary>Preshower &gt; 0.5 GeV.</summary>
    Preshower,
    /// <summary>ECAL shower-shape χ² and centre in the central cell.</summary>
    ShowerShape,
    /// <summary>VETO below 0.5 MIP.</summary>
    Veto,
    /// <summary>E_HCAL &lt; 1 GeV.</summary>
    Hcal,
    /// <summary>E_ECAL &lt; 50 GeV: the signal box.</summary>
    SignalBox,
}
