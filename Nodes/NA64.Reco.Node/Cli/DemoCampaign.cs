using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The built-in demo of <c>na64 run --demo</c>: beam background plus signal at three masses. Sized to
/// take about a minute on a 2-core machine with the real reconstruction (re-measure if that changes).
/// </summary>
public static class DemoCampaign
{
    public static CampaignSpec Spec => new()
    {
        Id = "demo",
        ChunkSize = 2500,
        SnapshotEvery = 10,
        Samples =
        [
            new SampleSpec(SampleKind.Beam, 0, 0, Spills: 24, EventsPerSpill: 5000, Seed: 20250101, Run: 1),
            new SampleSpec(SampleKind.Signal, 16.7, 1e-4, Spills: 4, EventsPerSpill: 5000, Seed: 20250102, Run: 1),
            new SampleSpec(SampleKind.Signal, 50, 1e-4, Spills: 4, EventsPerSpill: 5000, Seed: 20250103, Run: 1),
            new SampleSpec(SampleKind.Signal, 200, 1e-4, Spills: 4, EventsPerSpill: 5000, Seed: 20250104, Run: 1),
        ],
    };
}
