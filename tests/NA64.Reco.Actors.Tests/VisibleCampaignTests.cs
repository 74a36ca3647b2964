using System.Text.Json;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Results;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// A visible-programme campaign as a user runs it (<c>na64 run</c> in a child process, the real pipeline): its tables are
/// those of the same events simulated directly by the physics, whatever the chunking, and <c>na64 results</c> gives
/// the same bytes from the database.
/// </summary>
public sealed class VisibleCampaignTests
{
    // Chunks of 3000 split every spill unevenly: the merge of the chunks must still be the spill.
    private const string Spec = """
        { "id": "vis", "setup": "visible-2018", "chunk_size": 3000, "inputs": { "samples": [
          { "sample": "x", "mass_mev": 16.7, "spills": 2, "events_per_spill": 5000, "seed": 21 },
          { "sample": "x", "mass_mev": 5, "spills": 2, "events_per_spill": 5000, "seed": 22 } ] } }
        """;

    [Fact]
    public async Task A_visible_campaign_writes_the_tables_of_its_events_simulated_directly_and_results_gives_the_same_bytes()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        await File.WriteAllTextAsync(spec, Spec);

        var run = await Na64Process.Run("run", spec, "--out", dir.File("out"), "--cmd-port", "-1");
        Assert.True(run.Code == 0, run.Error);

        // The same samples, spill by spill, without the pipeline.
        var setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;
        var simulation = new VisibleEventSimulation(setup);
        var samples = new[]
        {
            Direct(simulation, new SampleDescriptor(SampleKind.X, 16.7, 0, 21), 2, 5000),
            Direct(simulation, new SampleDescriptor(SampleKind.X, 5, 0, 22), 2, 5000),
        };
        var analysis = CampaignAnalysis.From(samples, setup, new CampaignAnalysisOptions());
        var visible = analysis.Visible!;
        Assert.Equal([5, 16.7], visible.MassesMeV);
        Assert.Equal(setup.Exposure!.OnTarget, visible.Inputs.Eot);
        Assert.Equal(VisibleReport.Bands(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/limits.csv")));
        Assert.Equal(VisibleReport.CutFlow(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/cutflow.csv")));
        Assert.Equal(VisibleReport.Efficiency(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/efficiency.csv")));
        Assert.True(File.Exists(dir.File("out/" + VisibleReport.CampaignPlotName)));

        // What the tables say: at 16.7 MeV the setup's exposure excludes a band, each edge where the signal reaches N_up;
        // the efficiency is the cut-flow's weighted share of its 10 000 events.
        var limits = await File.ReadAllLinesAsync(dir.File("out/limits.csv"));
        Assert.Equal("mass_mev,eot,n_up,epsilon_low,epsilon_high,peak_epsilon,peak_events,efficiency_at_peak", limits[0]);
        Assert.Equal(1 + 2 * 3, limits.Length);
        var band = visible.Bands[0].PerMass[1];
        Assert.True(band.Excludes);
        Assert.Equal(visible.NUp, visible.ExpectedEvents(1, 3.0e10, band.Low), visible.NUp * 1e-9);
        var flow = visible.Parts[0].Flows[1];
        Assert.Equal(10_000, flow.Events);
        Assert.Equal(flow.WeightAfter[^1] / flow.WeightAfter[0], flow.Efficiency);
        Assert.InRange(flow.Efficiency, 0.95, 1);

        using (var summary = JsonDocument.Parse(await File.ReadAllBytesAsync(dir.File("out/summary.json"))))
        {
            var campaign = summary.RootElement.GetProperty("campaign");
            Assert.Equal(setup.Id, campaign.GetProperty("conditions_id").GetString());
            Assert.Equal(setup.Hash, campaign.GetProperty("conditions_hash").GetString());
            var xFlow = summary.RootElement.GetProperty("cutflow").GetProperty("x-16.7MeV");
            Assert.Equal(setup.Selection.Select(c => c.Cut), xFlow.EnumerateArray().Select(c => c.GetProperty("cut").GetString()));
            Assert.Equal(flow.Efficiency, xFlow.EnumerateArray().Last().GetProperty("fraction").GetDouble());
            var json = summary.RootElement.GetProperty("visible");
            Assert.Equal(3.0e10, json.GetProperty("eot").GetDouble());
            Assert.Equal(band.Low, json.GetProperty("bands")[1].GetProperty("epsilon_low").GetDouble());
        }

        var fetched = await Na64Process.Run("results", "vis", "--out", dir.File("fetched"), "--db", dir.File("out/campaign.db"));
        Assert.True(fetched.Code == 0, fetched.Error);
        foreach (var name in new[] { "summary.json", "cutflow.csv", "efficiency.csv", "limits.csv", VisibleReport.CampaignPlotName, "report.html" })
            Assert.Equal(await File.ReadAllBytesAsync(dir.File("out/" + name)), await File.ReadAllBytesAsync(dir.File("fetched/" + name)));
    }

    [Fact]
    public void One_excluding_mass_is_plotted_as_a_segment_and_a_campaign_without_x_events_has_empty_tables()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;
        var simulation = new VisibleEventSimulation(setup);
        var one = CampaignAnalysis.From([Direct(simulation, new SampleDescriptor(SampleKind.X, 16.7, 0, 21), 1, 2000)], setup, new CampaignAnalysisOptions()).Visible!;
        Assert.True(one.Bands[0].PerMass[0].Excludes);
        var files = VisibleReport.RenderCampaign(one, "one mass");
        Assert.Equal([VisibleReport.CampaignBandsName, VisibleReport.CampaignCutFlowName, VisibleReport.CampaignEfficiencyName, VisibleReport.CampaignPlotName], files.Select(f => f.Name));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], files[^1].Content[..4]);

        // Every spill quarantined, say: the x sample has no events, the reach no mass, its tables only their headers.
        var x = new SampleDescriptor(SampleKind.X, 16.7, 0, 21);
        var none = CampaignAnalysis.From([new SampleResult(x.Name, x, new EventSummary(), FromFiles: false)], setup, new CampaignAnalysisOptions()).Visible!;
        Assert.Empty(none.MassesMeV);
        var empty = VisibleReport.RenderCampaign(none, "no events");
        Assert.Equal([VisibleReport.CampaignBandsName, VisibleReport.CampaignCutFlowName, VisibleReport.CampaignEfficiencyName], empty.Select(f => f.Name));
        Assert.Equal("mass_mev,eot,n_up,epsilon_low,epsilon_high,peak_epsilon,peak_events,efficiency_at_peak\n", System.Text.Encoding.UTF8.GetString(empty[0].Content));
    }

    private static SampleResult Direct(VisibleEventSimulation simulation, SampleDescriptor sample, int spills, int events)
    {
        var emitter = simulation.EmitterFor(sample.MassAPrimeMeV);
        var summary = new EventSummary { Spills = spills, Eot = (long)spills * events };
        for (var spill = 0; spill < spills; spill++) simulation.Simulate(emitter, spill, 0, events, sample.Seed, summary);
        return new SampleResult(sample.Name, sample, summary, FromFiles: false);
    }
}
