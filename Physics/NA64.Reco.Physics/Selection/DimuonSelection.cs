using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Selection;

/// <summary>
/// The dimuon selection of the cross-check (physics.md §7b): a beam electron that triggered and was identified, i.e.
/// the invisible-mode cut-flow passed up to the SRD tag (trigger E_ECAL &lt; 80 GeV, one upstream track, p = 100 ± 3
/// GeV, SRD), and the MIP pattern of two muons crossing the HCAL: every module's energy within
/// [<see cref="SelectionCuts.DimuonHcalModuleMinMip"/>, <see cref="SelectionCuts.DimuonHcalModuleMaxMip"/>] MIPs of
/// <see cref="HcalConditions.MipMeVPerModule"/>. One muon (1 MIP per module), a shower leaking into the HCAL (energy
/// falling from module to module) and a hadron shower fail it.
/// </summary>
public sealed class DimuonSelection
{
    private readonly double _moduleMinGeV;
    private readonly double _moduleMaxGeV;

    public DimuonSelection(DetectorConditions conditions)
    {
        var mip = conditions.Hcal.MipMeVPerModule * 1e-3;
        _moduleMinGeV = conditions.Cuts.DimuonHcalModuleMinMip * mip;
        _moduleMaxGeV = conditions.Cuts.DimuonHcalModuleMaxMip * mip;
    }

    /// <summary>Whether the event, which passed the invisible cut-flow up to <paramref name="passed"/>, is a dimuon candidate.</summary>
    public bool Select(RecoEvent e, Cut passed)
    {
        if (passed < Cut.SrdTag) return false;
        var modules = e.HcalModuleGeV;
        for (var m = 0; m < modules.Length; m++)
            if (!(modules[m] >= _moduleMinGeV && modules[m] <= _moduleMaxGeV)) return false;
        return true;
    }
}
