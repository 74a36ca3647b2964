using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Tests.Reconstruction;

namespace NA64.Reco.Physics.Tests.Selection;

public sealed class InvisibleSelectionTests
{
    private static readonly DetectorConditions C = TestEvents.C;

    /// <summary>A reconstructed event inside the signal box, each quantity a little inside its cut.</summary>
    private static RecoEvent Signal()
    {
        var e = RecoEvent.For(C);
        e.EcalTotalGeV = 30;
        e.EcalPreshowerGeV = 2;
        e.Upstream = new TrackSegment { Good = true, Candidates = 1, Hits = 4 };
        e.MomentumGeV = 101;
        e.TrackChi2 = 1.5;
        e.SrdTagged = true;
        e.EcalShapeChi2 = 2;
        e.EcalCentreCell = C.Ecal.CentralCellY * C.Ecal.Nx + C.Ecal.CentralCellX;
        e.VetoMaxMeV = 1;
        e.HcalTotalGeV = 0.2;
        return e;
    }

    public static TheoryData<string, Cut> Failures => new()
    {
        { "ecal-above-trigger", Cut.All },
        { "preshower-below-trigger", Cut.All },
        { "two-upstream-candidates", Cut.Trigger },
        { "upstream-not-good", Cut.Trigger },
        { "no-upstream-track", Cut.Trigger },
        { "momentum-low", Cut.SingleTrack },
        { "momentum-nan", Cut.SingleTrack },
        { "track-chi2", Cut.SingleTrack },
        { "srd", Cut.Momentum },
        { "preshower", Cut.SrdTag },
        { "shape-chi2", Cut.Preshower },
        { "shape-nan", Cut.Preshower },
        { "centre-off", Cut.Preshower },
        { "veto", Cut.ShowerShape },
        { "hcal", Cut.Veto },
        { "visible-energy", Cut.Hcal },
    };

    private static void Edit(RecoEvent e, string what)
    {
        switch (what)
        {
            case "ecal-above-trigger": e.EcalTotalGeV = 80; break;
            case "preshower-below-trigger": e.EcalPreshowerGeV = 0.3; break;
            case "two-upstream-candidates": e.Upstream.Candidates = 2; break;
            case "upstream-not-good": e.Upstream.Good = false; break;
            case "no-upstream-track": e.Upstream = TrackSegment.None; break;
            case "momentum-low": e.MomentumGeV = 97; break;
            case "momentum-nan": e.MomentumGeV = double.NaN; break;
            case "track-chi2": e.TrackChi2 = 10; break;
            case "srd": e.SrdTagged = false; break;
            case "preshower": e.EcalPreshowerGeV = 0.5; break;
            case "shape-chi2": e.EcalShapeChi2 = 8; break;
            case "shape-nan": e.EcalShapeChi2 = double.NaN; break;
            case "centre-off": e.EcalCentreCell += 1; break;
            case "veto": e.VetoMaxMeV = 4; break; // 0.5 MIP of 8 MeV
            case "hcal": e.HcalTotalGeV = 1; break;
            case "visible-energy": e.EcalTotalGeV = 50; break;
            default: throw new ArgumentException(what);
        }
    }

    [Fact]
    public void An_event_inside_every_cut_reaches_the_signal_box()
    {
        Assert.Equal(Cut.SignalBox, new InvisibleSelection(C).Apply(Signal()));
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void An_event_failing_one_cut_stops_before_it(string edit, Cut lastPassed)
    {
        var e = Signal();
        Edit(e, edit);
        Assert.Equal(lastPassed, new InvisibleSelection(C).Apply(e));
    }

    [Fact]
    public void Cut_values_come_from_the_conditions()
    {
        var loose = C with { Cuts = C.Cuts with { SignalEcalMaxGeV = 70 } };
        var e = Signal();
        e.EcalTotalGeV = 60;
        Assert.Equal(Cut.Hcal, new InvisibleSelection(C).Apply(e));
        Assert.Equal(Cut.SignalBox, new InvisibleSelection(loose).Apply(e));
    }

    [Fact]
    public void A_reconstructed_signal_like_raw_event_reaches_the_signal_box_and_a_full_shower_fails_the_trigger()
    {
        var reconstructor = new EventReconstructor(C);
        var selection = new InvisibleSelection(C);
        var reco = RecoEvent.For(C);

        reconstructor.Reconstruct(TestEvents.Electron(ecalGeV: 40), reco);
        Assert.Equal(Cut.SignalBox, selection.Apply(reco));

        reconstructor.Reconstruct(TestEvents.Electron(ecalGeV: 100), reco);
        Assert.Equal(Cut.All, selection.Apply(reco));
    }
}
