using NA64.Reco.Actors.Campaign;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The built-in demo of <c>na64 run --demo</c>: beam background plus signal at three masses, 19.2 M events.
/// Sized to take about a minute on a 2-core machine (Release build: 14.4 M events took 37 s at
/// ~400 k events/s, peak RSS 261 MB); re-measure if the reconstruction's speed changes.
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
            { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 80, "events_per_spill": 30000, "seed": 20250102, "run": 1 },
            { "sample": "signal", "mass_mev": 50, "epsilon": 1e-4, "spills": 80, "events_per_spill": 30000, "seed": 20250103, "run": 1 },
            { "sample": "signal", "mass_mev": 200, "epsilon": 1e-4, "spills": 80, "events_per_spill": 30000, "seed": 20250104, "run": 1 }
          ] }
        }
        """;

    public static CampaignSpec Spec => CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(Json), "demo");
}
