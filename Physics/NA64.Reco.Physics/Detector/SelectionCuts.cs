namespace NA64.Reco.Physics.Detector;

/// <summary>Cut values of the invisible-mode selection, in cut-flow order (physics.md §7).</summary>
public sealed record SelectionCuts
{
    public required double TriggerEcalMaxGeV { get; init; }
    public required double TriggerPreshowerMinGeV { get; init; }
    public required double TrackChi2Max { get; init; }
    public required double MomentumCentralGeV { get; init; }
    public required double MomentumWindowGeV { get; init; }
    public required double SrdModuleMinMeV { get; init; }
    public required double SrdModuleMaxMeV { get; init; }
    public required double SrdTimeWindowNs { get; init; }
    public required double PreshowerMinGeV { get; init; }
    public required double ShowerShapeChi2Max { get; init; }
    public required double VetoMaxMip { get; init; }
    public required double HcalMaxGeV { get; init; }
    /// <summary>Signal box: E_ECAL below this (and E_HCAL below <see cref="HcalMaxGeV"/>).</summary>
    public required double SignalEcalMaxGeV { get; init; }
    /// <summary>
    /// Dimuon selection (<see cref="Selection.DimuonSelection"/>): every HCAL module's energy within this window, in
    /// units of <see cref="HcalConditions.MipMeVPerModule"/> (two MIPs and their spread, clear of one and of three).
    /// </summary>
    public required double DimuonHcalModuleMinMip { get; init; }
    public required double DimuonHcalModuleMaxMip { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Positive("cuts.triggerEcalMaxGeV", TriggerEcalMaxGeV);
        v.NonNegative("cuts.triggerPreshowerMinGeV", TriggerPreshowerMinGeV);
        v.Positive("cuts.trackChi2Max", TrackChi2Max);
        v.Positive("cuts.momentumCentralGeV", MomentumCentralGeV);
        v.Positive("cuts.momentumWindowGeV", MomentumWindowGeV);
        v.NonNegative("cuts.srdModuleMinMeV", SrdModuleMinMeV);
        if (!(SrdModuleMaxMeV > SrdModuleMinMeV)) throw v.Fail("cuts.srdModuleMaxMeV", $"must be > srdModuleMinMeV ({SrdModuleMinMeV}), got {SrdModuleMaxMeV}");
        v.Positive("cuts.srdTimeWindowNs", SrdTimeWindowNs);
        v.NonNegative("cuts.preshowerMinGeV", PreshowerMinGeV);
        v.Positive("cuts.showerShapeChi2Max", ShowerShapeChi2Max);
        v.Positive("cuts.vetoMaxMip", VetoMaxMip);
        v.Positive("cuts.hcalMaxGeV", HcalMaxGeV);
        v.InRange("cuts.signalEcalMaxGeV", SignalEcalMaxGeV, 0, TriggerEcalMaxGeV);
        v.Positive("cuts.dimuonHcalModuleMinMip", DimuonHcalModuleMinMip);
        if (!(DimuonHcalModuleMaxMip > DimuonHcalModuleMinMip))
            throw v.Fail("cuts.dimuonHcalModuleMaxMip", $"must be > dimuonHcalModuleMinMip ({DimuonHcalModuleMinMip}), got {DimuonHcalModuleMaxMip}");
    }
}
