using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Reconstruction;

namespace NA64.Reco.Physics.Selection;

/// <summary>
/// The invisible-mode selection (physics.md §7) as an ordered cut-flow; every value comes from
/// <see cref="SelectionCuts"/>. A NaN quantity (no track, empty ECAL) fails its cut.
/// </summary>
public sealed class InvisibleSelection
{
    private readonly SelectionCuts _cuts;
    private readonly int _centralCell;
    private readonly double _vetoMaxMeV;

    public InvisibleSelection(DetectorConditions conditions)
    {
        _cuts = conditions.Cuts;
        _centralCell = conditions.Ecal.CentralCellY * conditions.Ecal.Nx + conditions.Ecal.CentralCellX;
        _vetoMaxMeV = conditions.Cuts.VetoMaxMip * conditions.Veto.MipMeV;
    }

    /// <summary>The last cut the event passes: <see cref="Cut.All"/> when it fails the trigger, <see cref="Cut.SignalBox"/> when it passes all.</summary>
    public Cut Apply(RecoEvent e)
    {
        var c = _cuts;
        if (!(e.EcalTotalGeV < c.TriggerEcalMaxGeV && e.EcalPreshowerGeV > c.TriggerPreshowerMinGeV)) return Cut.All;
        if (!(e.Upstream.Good && e.Upstream.Candidates == 1)) return Cut.Trigger;
        // The momentum is trusted only when the up- and downstream segments belong to one track.
        if (!(Math.Abs(e.MomentumGeV - c.MomentumCentralGeV) < c.MomentumWindowGeV && e.TrackChi2 < c.TrackChi2Max)) return Cut.SingleTrack;
        if (!e.SrdTagged) return Cut.Momentum;
        if (!(e.EcalPreshowerGeV > c.PreshowerMinGeV)) return Cut.SrdTag;
        if (!(e.EcalShapeChi2 < c.ShowerShapeChi2Max && e.EcalCentreCell == _centralCell)) return Cut.Preshower;
        if (!(e.VetoMaxMeV < _vetoMaxMeV)) return Cut.ShowerShape;
        if (!(e.HcalTotalGeV < c.HcalMaxGeV)) return Cut.Veto;
        if (!(e.EcalTotalGeV < c.SignalEcalMaxGeV)) return Cut.Hcal;
        return Cut.SignalBox;
    }
}
