using System.Text.Json;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Results;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// A muon-programme campaign as a user runs it (<c>na64 run</c> in a child process, the real pipeline): its tables are
/// those of the same events simulated directly by the physics, whatever the chunking, and <c>na64 results</c> gives
/// the same bytes from the database.
/// </summary>
public sealed class MuonCampaignTests
{
    // Chunks of 3000 split every spill unevenly: the merge of the chunks must still be the spill.
    private const string Spec = """
        { "id": "mu", "setup": "na64mu-2022", "chunk_size": 3000, "inputs": { "samples": [
          { "sample": "muon", "spills": 3, "events_per_spill": 10000, "seed": 11 },
          { "sample": "zprime", "mass_mev": 10, "spills": 2, "events_per_spill": 4000, "seed": 12 },
          { "sample": "zprime", "mass_mev": 500, "spills": 2, "events_per_spill": 4000, "seed": 12 } ] } }
        """;

    [Fact]
    public async Task A_muon_campaign_writes_the_tables_of_its_events_simulated_directly_and_results_gives_the_same_bytes()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        await File.WriteAllTextAsync(spec, Spec);

        var run = await Na64Process.Run("run", spec, "--out", dir.File("out"), "--cmd-port", "-1");
        Assert.True(run.Code == 0, run.Error);
        // The exposure a muon campaign counts is in muons on target.
        Assert.Contains("done: 7/7 spills, 0 quarantined, 46000 events, MOT 30000", run.Output);

        // The same samples, spill by spill, without the pipeline.
        var setup = SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;
        var simulation = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(setup.Conditions));
        var samples = new[]
        {
            Direct(simulation, new SampleDescriptor(SampleKind.Muon, 0, 0, 11), 3, 10000),
            Direct(simulation, new SampleDescriptor(SampleKind.ZPrime, 10, 0, 12), 2, 4000),
            Direct(simulation, new SampleDescriptor(SampleKind.ZPrime, 500, 0, 12), 2, 4000),
        };
        var analysis = CampaignAnalysis.From(samples, setup, new CampaignAnalysisOptions());
        var zprime = analysis.ZPrime!;
        Assert.Equal(30000, zprime.Mot);
        Assert.Equal(new[] { 10.0, 500.0 }, zprime.Signals.Select(s => s.MassMeV));
        Assert.Equal(MuonReport.CutFlowCsv(zprime), await File.ReadAllTextAsync(dir.File("out/cutflow.csv")));
        Assert.Equal(MuonReport.EfficiencyCsv(zprime), await File.ReadAllTextAsync(dir.File("out/efficiency.csv")));
        Assert.Equal(MuonReport.BackgroundCsv(zprime), await File.ReadAllTextAsync(dir.File("out/background.csv")));
        Assert.Equal(MuonReport.LimitsCsv(zprime), await File.ReadAllTextAsync(dir.File("out/limits.csv")));
        Assert.True(File.Exists(dir.File("out/" + MuonReport.PlotName)));

        // What the tables say: no beam muon in the signal region, so the limit has an upper bound of the background; the
        // projections at the setup's exposure and its two.
        var limits = (await File.ReadAllLinesAsync(dir.File("out/limits.csv")));
        Assert.Equal("mass_mev,efficiency,efficiency_error,yield_per_mot_per_g2,mot,observed,background,background_upper,g90,g90_at_1.98E+10_mot,g90_at_1E+11_mot,g90_at_1E+12_mot,band_low,band_high", limits[0]);
        Assert.Equal(3, limits.Length);
        Assert.Equal(0, zprime.BeamCutFlow!.PassedAfter[^1]);
        Assert.True(zprime.Background.IsUpperBound);
        Assert.Equal(SourceBackground.ZeroCountUpperBound68, zprime.Background.Upper, 12);

        using (var summary = JsonDocument.Parse(await File.ReadAllBytesAsync(dir.File("out/summary.json"))))
        {
            var campaign = summary.RootElement.GetProperty("campaign");
            Assert.Equal(setup.Id, campaign.GetProperty("conditions_id").GetString());
            Assert.Equal(setup.Hash, campaign.GetProperty("conditions_hash").GetString());
            Assert.Equal(30000, summary.RootElement.GetProperty("eot").GetInt64());
            var muonFlow = summary.RootElement.GetProperty("cutflow").GetProperty("muon");
            Assert.Equal(setup.Selection.Select(c => c.Cut), muonFlow.EnumerateArray().Select(c => c.GetProperty("cut").GetString()));
            Assert.Equal(zprime.BeamCutFlow.PassedAfter, muonFlow.EnumerateArray().Select(c => c.GetProperty("events").GetInt64()));
            Assert.Equal(30000, summary.RootElement.GetProperty("zprime").GetProperty("mot").GetDouble());
        }

        var fetched = await Na64Process.Run("results", "mu", "--out", dir.File("fetched"), "--db", dir.File("out/campaign.db"));
        Assert.True(fetched.Code == 0, fetched.Error);
        foreach (var name in new[] { "summary.json", "cutflow.csv", "efficiency.csv", "background.csv", "limits.csv", MuonReport.PlotName, "report.html" })
            Assert.Equal(await File.ReadAllBytesAsync(dir.File("out/" + name)), await File.ReadAllBytesAsync(dir.File("fetched/" + name)));
    }

    private static SampleResult Direct(MuonEventSimulation simulation, SampleDescriptor sample, int spills, int events)
    {
        var emitter = sample.Kind == SampleKind.ZPrime ? simulation.EmitterFor(sample.MassAPrimeMeV) : null;
        var summary = new EventSummary { Spills = spills, Eot = (long)spills * events };
        for (var spill = 0; spill < spills; spill++) simulation.Simulate(emitter, spill, 0, events, sample.Seed, summary);
        return new SampleResult(sample.Name, sample, summary, FromFiles: false);
    }
}
