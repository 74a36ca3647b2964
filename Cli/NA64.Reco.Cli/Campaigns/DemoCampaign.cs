using NA64.Reco.Actors.Campaign;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>
/// The built-in demo of <c>na64 run --demo</c>: beam background (12 M events) plus signal at seven masses from 1 MeV
/// to 1 GeV (0.6 M weighted events each), 0.1 M forced dimuons and 0.5 M K⁻ with their decays to an electron forced,
/// 16.8 M events in all, for the efficiency table, the background table (the K⁻ sample gives the estimate the
/// projections take), the exclusion plot and the dimuon cross-check (the dimuon sample gives its efficiency). Measured
/// (Release, the idle 2-core machine, README "Performance"): 53 s at 344 k events/s, peak RSS 339 MB.
/// </summary>
public static class DemoCampaign
{
    /// <summary>The spec's text: what the campaign manager is given, like a spec file.</summary>
    public const string Json = """
        {
          "id": "demo",
          "chunk_size": 5000,
          "snapshot_every": 20,
          "inputs": { "samples": [
            { "sample": "beam", "spills": 400, "events_per_spill": 30000, "seed": 20250101, "run": 1 },
            { "sample": "signal", "mass_mev": 1, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250102, "run": 1 },
            { "sample": "signal", "mass_mev": 5, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250103, "run": 1 },
            { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250104, "run": 1 },
            { "sample": "signal", "mass_mev": 50, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250105, "run": 1 },
            { "sample": "signal", "mass_mev": 100, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250106, "run": 1 },
            { "sample": "signal", "mass_mev": 300, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250107, "run": 1 },
            { "sample": "signal", "mass_mev": 1000, "epsilon": 1e-4, "spills": 40, "events_per_spill": 15000, "seed": 20250108, "run": 1 },
            { "sample": "dimuon", "spills": 10, "events_per_spill": 10000, "seed": 20250109, "run": 1 },
            { "sample": "kaon", "bias": 1e12, "spills": 20, "events_per_spill": 25000, "seed": 20250110, "run": 1 }
          ] }
        }
        """;

    public static CampaignSpec Spec => CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(Json), "demo");
}
