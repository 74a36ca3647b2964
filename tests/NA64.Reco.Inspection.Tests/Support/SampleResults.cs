using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Inspection.Tests.Support;

/// <summary>Small, real campaign results (the physics reconstructs a few thousand simulated events) for the campaign palette.</summary>
public static class SampleResults
{
    public static readonly SampleDescriptor Beam = new(SampleKind.Beam, 0, 0, 7);
    public static readonly SampleDescriptor Signal = new(SampleKind.Signal, 16.7, 1e-4, 8);

    private static readonly Lazy<CampaignFinished> s_finished = new(() =>
    {
        var processor = new ChunkProcessor(DetectorConditions.Default);
        var beam = processor.Process(new SimulatedChunk(Beam, 1, 0, 0, 0, 3000));
        beam.Eot = 3000;
        var signal = processor.Process(new SimulatedChunk(Signal, 1, 0, 0, 0, 1000));
        signal.Eot = 1000;
        var samples = new Dictionary<string, EventSummary> { [Beam.Name] = beam, [Signal.Name] = signal };
        var quarantined = new[] { new QuarantineEntry("beam/3", "beam", "beam-3.na64raw", 128, "bad header", 500) };
        return new CampaignFinished("c1", "abc123", samples, quarantined, 5, 4, 500);
    });

    /// <summary>Beam (3000 events, EOT 3000) and signal at 16.7 MeV (1000 events, EOT 1000); 4 of 5 spills done, one quarantined.</summary>
    public static CampaignFinished Finished => s_finished.Value;

    public static CampaignListEntry Running(string id = "c1") =>
        new(id, "running", new CampaignProgress(id, TotalSpills: 10, DoneSpills: 4, QuarantinedSpills: 1, SpillsInFlight: 2, ResumedSpills: 0,
            EventsProcessed: 50_000, Eot: 48_000, LastQuarantined: null), EventsPerSecond: 10_000);
}
