using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Tests.Support;

/// <summary>The built-in NA64μ setup, and variants of it as a user's setup file would give them.</summary>
internal static class MuonSetups
{
    public static Setup Na64Mu2022 => SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;

    /// <summary>
    /// The built-in setup with a monochromatic beam, momenta measured exactly, no incoming window and the ECAL and HCAL
    /// thresholds at these energies beyond the MIP: the calorimeters alone.
    /// </summary>
    public static Setup Exact(double ecalGeV, double hcalGeV)
    {
        var s = WithThresholds(Na64Mu2022, ecalGeV, hcalGeV);
        return s with
        {
            Beam = s.Beam! with { MomentumSpread = 0 },
            Spectrometers = null,
            Selection = [.. s.Selection.Where(c => c.Cut != MuonSelection.IncomingMomentum)],
        };
    }

    private static Setup WithThresholds(Setup s, double ecalGeV, double hcalGeV) => s with
    {
        Selection = [.. s.Selection.Select(c => c.Cut switch
        {
            MuonSelection.EcalQuiet => c with { Parameters = new Dictionary<string, double> { ["maxMips"] = ecalGeV / (s.Conditions.Ecal.MipMeV * 1e-3) } },
            MuonSelection.HcalQuiet => c with { Parameters = new Dictionary<string, double> { ["maxMips"] = hcalGeV / (s.Conditions.Hcal.MipMeVPerModule * 1e-3) } },
            _ => c,
        })],
    };
}
