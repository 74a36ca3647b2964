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
          { "sample": "x", "mass_mev": 5, "spills": 2, "events_per_spill": 5000, "seed": 22 },
          { "sample": "k0s-pi0pi0", "spills": 2, "events_per_spill": 20000, "seed": 24 },
          { "sample": "k0s-pipi", "spills": 1, "events_per_spill": 20000, "seed": 25 } ] } }
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
            Background(setup, new SampleDescriptor(SampleKind.KaonShortNeutral, 0, 0, 24), 2, 20_000),
            Background(setup, new SampleDescriptor(SampleKind.KaonShortCharged, 0, 0, 25), 1, 20_000),
        };
        var analysis = CampaignAnalysis.From(samples, setup, new CampaignAnalysisOptions());
        var visible = analysis.Visible!;
        Assert.Equal([5, 16.7], visible.MassesMeV);
        Assert.Equal(setup.Exposure!.OnTarget, visible.Inputs.Eot);
        Assert.Equal(VisibleReport.Bands(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/limits.csv")));
        Assert.Equal(VisibleReport.CutFlow(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/cutflow.csv")));
        Assert.Equal(VisibleReport.Efficiency(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/efficiency.csv")));
        // The background is the campaign's K⁰_S samples' (weights per EOT), not the analysis's own.
        Assert.Equal(VisibleReport.Background(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/background.csv")));
        Assert.Equal([40_000L, 20_000L], visible.Parts[0].Backgrounds.Select(b => b.Events));
        Assert.Equal(setup.Exposure!.OnTarget * visible.Parts[0].BackgroundPerEot(0, 4).PerEot, visible.Inputs.Background.Expected);
        Assert.True(File.Exists(dir.File("out/" + VisibleReport.CampaignPlotName)));

        // What the tables say: at 16.7 MeV the setup's exposure excludes a band, each edge where the signal reaches N_up;
        // the efficiency is the cut-flow's weighted share of its 10 000 events.
        var limits = await File.ReadAllLinesAsync(dir.File("out/limits.csv"));
        Assert.Equal("mass_mev,eot,background,observed,n_up,epsilon_low,epsilon_high,peak_epsilon,peak_events,efficiency_at_peak", limits[0]);
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
            Assert.Equal(["v2-quiet", "s4-pair", "ecal-energy", "energy-sum"], xFlow.EnumerateArray().Select(c => c.GetProperty("cut").GetString()));
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
    public async Task A_setup_written_by_hand_with_two_more_counters_runs_without_code_changes()
    {
        using var dir = new TempDirectory();
        // visible-2018 with a counter V1 between the dump and V2 and a second pair counter S3 beside S4, each with its cut.
        var text = SetupCatalog.Text(SetupCatalog.Visible2018);
        var s4 = """{ "name": "S4", "zCm": 300, "mipMeV": 8, "mipSpread": 0.15, "noiseMeV": 0.5,""";
        var s4Cut = """{ "cut": "pair", "detector": "S4", "parameters": { "minMips": 1.5, "maxMips": 3 } },""";
        Assert.Contains(s4, text);
        Assert.Contains(s4Cut, text);
        text = text.Replace("\"setup\": \"visible-2018\"", "\"setup\": \"visible-2018-s3\"")
            .Replace("\"counters\": [", """
                "counters": [
                    { "name": "V1", "zCm": 5, "mipMeV": 8, "mipSpread": 0.15, "noiseMeV": 0.5, "source": "a test's counter" },
                """)
            .Replace(s4, """{ "name": "S3", "zCm": 310, "mipMeV": 8, "mipSpread": 0.15, "noiseMeV": 0.5, "source": "a test's counter" }, """ + s4)
            .Replace(s4Cut, s4Cut + """
                    { "cut": "quiet", "detector": "V1", "parameters": { "maxMips": 0.5 } },
                    { "cut": "pair", "detector": "S3", "parameters": { "minMips": 1.5, "maxMips": 3 } },
                """);
        await File.WriteAllTextAsync(dir.File("mine.json"), text);
        await File.WriteAllTextAsync(dir.File("spec.json"), """
            { "id": "mine", "setup": "mine.json", "inputs": { "samples": [
              { "sample": "x", "mass_mev": 16.7, "spills": 2, "events_per_spill": 10000, "seed": 23 } ] } }
            """);

        var run = await Na64Process.Run("run", dir.File("spec.json"), "--out", dir.File("out"), "--cmd-port", "-1");
        Assert.True(run.Code == 0, run.Error);

        var setup = Setup.Load(dir.File("mine.json"));
        var simulation = new VisibleEventSimulation(setup);
        Assert.Equal(["v2-quiet", "s4-pair", "v1-quiet", "s3-pair", "ecal-energy", "energy-sum"], simulation.Selection.CutNames);
        var visible = CampaignAnalysis.From([Direct(simulation, new SampleDescriptor(SampleKind.X, 16.7, 0, 23), 2, 10_000)], setup, new CampaignAnalysisOptions()).Visible!;
        Assert.Equal(VisibleReport.CutFlow(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/cutflow.csv")));
        Assert.Equal(VisibleReport.Bands(visible).Csv(), await File.ReadAllTextAsync(dir.File("out/limits.csv")));
        using (var summary = JsonDocument.Parse(await File.ReadAllBytesAsync(dir.File("out/summary.json"))))
            Assert.Equal(setup.Id, summary.RootElement.GetProperty("campaign").GetProperty("conditions_id").GetString());

        // V1 sees only its noise (0.5 MeV on 8 MeV, 8σ below half a MIP): it removes nothing. S3 reads the pair as S4
        // does: of the events S4 passed, it keeps S4's share, within the binomial errors of both.
        var flow = visible.Parts[0].Flows[0];
        var w = flow.WeightAfter;
        Assert.Equal(w[2], w[3]);
        Assert.True(w[4] < w[3]);
        var (s4Share, s3Share) = (w[2] / w[1], w[4] / w[3]);
        // The emissions are weighted: the binomial error of a share of their effective number (Σw)² / Σw².
        var effective = w[1] * w[1] / flow.SquaredWeightAfter[1];
        var sigma = Math.Sqrt(2 * s4Share * (1 - s4Share) / effective);
        Assert.InRange(s3Share - s4Share, -4 * sigma, 4 * sigma);
        Assert.InRange(s3Share, 0.9, 0.9999);
    }

    [Fact]
    public void One_excluding_mass_is_plotted_as_a_segment_and_a_campaign_without_x_events_has_empty_tables()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;
        var simulation = new VisibleEventSimulation(setup);
        var one = CampaignAnalysis.From([Direct(simulation, new SampleDescriptor(SampleKind.X, 16.7, 0, 21), 1, 2000)], setup, new CampaignAnalysisOptions()).Visible!;
        Assert.True(one.Bands[0].PerMass[0].Excludes);
        var files = VisibleReport.RenderCampaign(one, "one mass");
        Assert.Equal([VisibleReport.CampaignBandsName, VisibleReport.CampaignCutFlowName, VisibleReport.CampaignEfficiencyName, VisibleReport.CampaignBackgroundName, VisibleReport.CampaignPlotName], files.Select(f => f.Name));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], files[^1].Content[..4]);

        // Every spill quarantined, say: the x sample has no events, the reach no mass, its tables only their headers.
        var x = new SampleDescriptor(SampleKind.X, 16.7, 0, 21);
        var none = CampaignAnalysis.From([new SampleResult(x.Name, x, new EventSummary(), FromFiles: false)], setup, new CampaignAnalysisOptions()).Visible!;
        Assert.Empty(none.MassesMeV);
        var empty = VisibleReport.RenderCampaign(none, "no events");
        Assert.Equal([VisibleReport.CampaignBandsName, VisibleReport.CampaignCutFlowName, VisibleReport.CampaignEfficiencyName, VisibleReport.CampaignBackgroundName], empty.Select(f => f.Name));
        Assert.Equal("mass_mev,eot,background,observed,n_up,epsilon_low,epsilon_high,peak_epsilon,peak_events,efficiency_at_peak\n", System.Text.Encoding.UTF8.GetString(empty[0].Content));
    }

    private static SampleResult Background(Setup setup, SampleDescriptor sample, int spills, int events)
    {
        var background = new VisibleKaonShortBackground(setup, VisibleKaonShortBackground.ChannelOf(sample.Kind));
        var summary = new EventSummary { Spills = spills, Eot = (long)spills * events };
        for (var spill = 0; spill < spills; spill++) background.Simulate(spill, 0, events, sample.Seed, summary);
        return new SampleResult(sample.Name, sample, summary, FromFiles: false);
    }

    private static SampleResult Direct(VisibleEventSimulation simulation, SampleDescriptor sample, int spills, int events)
    {
        var emitter = simulation.EmitterFor(sample.MassAPrimeMeV);
        var summary = new EventSummary { Spills = spills, Eot = (long)spills * events };
        for (var spill = 0; spill < spills; spill++) simulation.Simulate(emitter, spill, 0, events, sample.Seed, summary);
        return new SampleResult(sample.Name, sample, summary, FromFiles: false);
    }
}
