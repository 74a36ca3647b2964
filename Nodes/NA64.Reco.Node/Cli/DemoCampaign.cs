using NA64.Reco.Actors.Campaign;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// The built-in demo of <c>na64 run --demo</c>: beam background (12 M events) plus signal at seven masses from 1 MeV
/// to 1 GeV (0.6 M weighted events each), 16.2 M events in all, for the efficiency table, the background estimate and
/// the exclusion plot. Measured (Release, 2 cores shared with other jobs): 93 s at ~190 k events/s, peak RSS 375 MB;
/// about 40 s at the ~400 k events/s of an idle machine. Re-measure if the reconstruction's speed changes.
/// </summary>
public static class DemoCampaign
{
    /// <summary>The signal masses [MeV]: 1 MeV … 1 GeV, with the 16.7 MeV of the X17 anomaly.</summary>
    public static readonly IReadOnlyList<double> SignalMassesMeV = [1, 5, 16.7, 50, 100, 300, 1000];

    public static CampaignSpec Spec => new()
    {
        Id = "demo",
        ChunkSize = 5000,
        SnapshotEvery = 20,
        Samples = [new SampleSpec(SampleKind.Beam, 0, 0, Spills: 400, EventsPerSpill: 30000, Seed: 20250101, Run: 1), .. Signals()],
    };

    private static IEnumerable<SampleSpec> Signals()
    {
        for (var i = 0; i < SignalMassesMeV.Count; i++)
            yield return new SampleSpec(SampleKind.Signal, SignalMassesMeV[i], 1e-4, Spills: 40, EventsPerSpill: 15000, Seed: 20250102 + (ulong)i, Run: 1);
    }
}
