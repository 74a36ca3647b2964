using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.CommandHost.Tests.Support;

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
        return new CampaignFinished("c1", "abc123", samples, quarantined, 5, 4, 500,
            [new SampleIdentity(Beam.Name, Beam, FromFiles: false), new SampleIdentity(Signal.Name, Signal, FromFiles: false)]);
    });

    /// <summary>Beam (3000 events, EOT 3000) and signal at 16.7 MeV (1000 events, EOT 1000); 4 of 5 spills done, one quarantined.</summary>
    public static CampaignFinished Finished => s_finished.Value;

    /// <summary>
    /// What the manager replies for <see cref="Finished"/>: with the campaign's conditions (default: the embedded ones)
    /// and a spec whose <c>analysis</c> section is <paramref name="analysisJson"/> (none: the defaults).
    /// </summary>
    public static FinishedCampaign Reply(string? analysisJson = null, DetectorConditions? conditions = null)
    {
        var c = conditions ?? DetectorConditions.Default;
        var spec = $$"""
            {"id": "c1", "inputs": {"samples": [
              {"sample": "beam", "spills": 4, "events_per_spill": 750, "seed": 7},
              {"sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 1, "events_per_spill": 1000, "seed": 8}]}
              {{(analysisJson is null ? "" : ", \"analysis\": " + analysisJson)}} }
            """;
        return new FinishedCampaign(Finished, new CampaignConditions(c.Id, c.Hash, c.SourceJson), spec);
    }

    public static readonly SampleDescriptor Muon = new(SampleKind.Muon, 0, 0, 9);
    public static readonly SampleDescriptor ZPrime = new(SampleKind.ZPrime, 100, 0, 9);

    private static readonly Lazy<CampaignFinished> s_muon = new(() =>
    {
        var processor = new ChunkProcessor(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!);
        var muon = processor.Process(new SimulatedChunk(Muon, 1, 0, 0, 0, 4000));
        muon.Eot = 4000;
        var zprime = processor.Process(new SimulatedChunk(ZPrime, 1, 0, 0, 0, 2000));
        zprime.Eot = 2000;
        var samples = new Dictionary<string, EventSummary> { [Muon.Name] = muon, [ZPrime.Name] = zprime };
        return new CampaignFinished("mu", "abc124", samples, [], 2, 2, 0,
            [new SampleIdentity(Muon.Name, Muon, FromFiles: false), new SampleIdentity(ZPrime.Name, ZPrime, FromFiles: false)]);
    });

    /// <summary>A muon campaign on <c>na64mu-2022</c>: 4000 beam muons and 2000 Z' events at 100 MeV, one spill each.</summary>
    public static CampaignFinished MuonFinished => s_muon.Value;

    /// <summary>What the manager replies for <see cref="MuonFinished"/>: the setup document as the campaign's conditions.</summary>
    public static FinishedCampaign MuonReply()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;
        const string spec = """
            {"id": "mu", "setup": "na64mu-2022", "inputs": {"samples": [
              {"sample": "muon", "spills": 1, "events_per_spill": 4000, "seed": 9},
              {"sample": "zprime", "mass_mev": 100, "spills": 1, "events_per_spill": 2000, "seed": 9}]} }
            """;
        return new FinishedCampaign(MuonFinished, new CampaignConditions(setup.Id, setup.Hash, setup.PipelineJson), spec);
    }

    public static readonly SampleDescriptor X = new(SampleKind.X, 16.7, 0, 9);

    private static readonly Lazy<CampaignFinished> s_visible = new(() =>
    {
        var processor = new ChunkProcessor(SetupCatalog.Find(SetupCatalog.Visible2018)!);
        var x = processor.Process(new SimulatedChunk(X, 1, 0, 0, 0, 3000));
        x.Eot = 3000;
        return new CampaignFinished("vis", "abc125", new Dictionary<string, EventSummary> { [X.Name] = x }, [], 1, 1, 0,
            [new SampleIdentity(X.Name, X, FromFiles: false)]);
    });

    /// <summary>What the manager replies for a visible campaign on <c>visible-2018</c>: 3000 X events at 16.7 MeV, one spill.</summary>
    public static FinishedCampaign VisibleReply()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;
        const string spec = """
            { "id": "vis", "setup": "visible-2018", "inputs": { "samples": [
              {"sample": "x", "mass_mev": 16.7, "spills": 1, "events_per_spill": 3000, "seed": 9}]} }
            """;
        return new FinishedCampaign(s_visible.Value, new CampaignConditions(setup.Id, setup.Hash, setup.PipelineJson), spec);
    }

    /// <summary>The embedded conditions with the signal box's E_ECAL bound moved from 50 to 30 GeV.</summary>
    public static DetectorConditions NarrowBox()
    {
        var json = DetectorConditions.Default.SourceJson;
        var narrow = json.Replace("\"signalEcalMaxGeV\": 50.0", "\"signalEcalMaxGeV\": 30.0", StringComparison.Ordinal);
        if (narrow == json) throw new InvalidOperationException("the embedded conditions no longer spell signalEcalMaxGeV as 50.0");
        return DetectorConditions.Parse(System.Text.Encoding.UTF8.GetBytes(narrow), "narrow-box");
    }

    public static CampaignListEntry Running(string id = "c1") =>
        new(id, "running", new CampaignProgress(id, TotalSpills: 10, DoneSpills: 4, QuarantinedSpills: 1, SpillsInFlight: 2, ResumedSpills: 0,
            EventsProcessed: 50_000, Eot: 48_000, LastQuarantined: null), EventsPerSecond: 10_000);
}
