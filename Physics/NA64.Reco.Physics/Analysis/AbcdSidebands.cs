using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Region boundaries of the ABCD estimate in the (E_ECAL, E_HCAL) plane [GeV]:
/// A = signal box (E_ECAL &lt; SignalEcalMax, E_HCAL &lt; SignalHcalMax); B = (E_ECAL &lt; SignalEcalMax, SignalHcalMax ≤ E_HCAL &lt; HcalSidebandMax);
/// C = (SignalEcalMax ≤ E_ECAL &lt; EcalSidebandMax, E_HCAL &lt; SignalHcalMax); D = (the ECAL and HCAL side-bands together).
/// </summary>
public sealed record AbcdSidebands(double SignalEcalMaxGeV, double SignalHcalMaxGeV, double EcalSidebandMaxGeV, double HcalSidebandMaxGeV)
{
    /// <summary>Width of the default HCAL side-band above the HCAL cut [GeV].</summary>
    public const double DefaultHcalSidebandWidthGeV = 10;

    /// <summary>
    /// The default choice: the box from the cuts; the ECAL side-band runs from the box edge to the trigger's E_ECAL
    /// maximum (nothing above it survives the trigger), the HCAL side-band 10 GeV above the HCAL cut, where the
    /// events are still mostly the beam-line hadrons and leakage that feed the box.
    /// </summary>
    public static AbcdSidebands FromCuts(SelectionCuts cuts) =>
        new(cuts.SignalEcalMaxGeV, cuts.HcalMaxGeV, cuts.TriggerEcalMaxGeV, cuts.HcalMaxGeV + DefaultHcalSidebandWidthGeV);
}
