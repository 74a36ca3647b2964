using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The built-in demo of <c>na64 run --demo</c>: beam background plus signal at three masses, 19.2 M events.
/// Sized to take about a minute on a 2-core machine (Release build: 14.4 M events took 37 s at
/// ~400 k events/s, peak RSS 261 MB); re-measure if the reconstruction's speed changes.
/// </summary>
public static class DemoCampaign
{
    public static CampaignSpec Spec => new()
    {
        Id = "demo",
        ChunkSize = 5000,
        SnapshotEvery = 20,
        Samples =
        [
            new SampleSpec(SampleKind.Beam, 0, 0, Spills: 400, EventsPerSpill: 30000, Seed: 20250101, Run: 1),
            new SampleSpec(SampleKind.Signal, 16.7, 1e-4, Spills: 80, EventsPerSpill: 30000, Seed: 20250102, Run: 1),
            new SampleSpec(SampleKind.Signal, 50, 1e-4, Spills: 80, EventsPerSpill: 30000, Seed: 20250103, Run: 1),
            new SampleSpec(SampleKind.Signal, 200, 1e-4, Spills: 80, EventsPerSpill: 30000, Seed: 20250104, Run: 1),
        ],
    };
}
