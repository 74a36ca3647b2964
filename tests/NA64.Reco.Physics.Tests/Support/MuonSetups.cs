using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Physics.Tests.Support;

/// <summary>The built-in NA64μ setup with other thresholds, as a user's setup file would give them.</summary>
internal static class MuonSetups
{
    public static Setup Na64Mu2022 => SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;

    /// <summary>The built-in setup with the ECAL and HCAL thresholds above the MIP at these energies.</summary>
    public static Setup WithThresholds(double ecalGeV, double hcalGeV)
    {
        var s = Na64Mu2022;
        return s with
        {
            Selection =
            [
                new(MuonSelection.OutgoingMomentum, new Dictionary<string, double> { ["maxGeV"] = 80 }),
                new(MuonSelection.LeavesEcal),
                new(MuonSelection.EcalQuiet, new Dictionary<string, double> { ["maxMips"] = ecalGeV / (s.Conditions.Ecal.MipMeV * 1e-3) }),
                new(MuonSelection.HcalQuiet, new Dictionary<string, double> { ["maxMips"] = hcalGeV / (s.Conditions.Hcal.MipMeVPerModule * 1e-3) }),
            ],
        };
    }

    public static MuonSelection SelectionWithThresholds(double ecalGeV, double hcalGeV) => MuonSelection.Of(WithThresholds(ecalGeV, hcalGeV));
}
