using NA64.Reco.Results;
using System.Text;
using System.Text.Json;
using Akka.Hosting;
using Akka.TestKit;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// <c>campaign …</c> through the command host to a TestKit probe standing for the campaign manager (the real manager
/// lives on the coordinator: a remote peer whose protocol the probe answers).
/// </summary>
public sealed class CampaignPaletteTests : IClassFixture<LiveNode>
{
    private readonly LiveNode _node;
    private readonly TestProbe _manager;

    public CampaignPaletteTests(LiveNode node)
    {
        _node = node;
        _manager = new Akka.TestKit.Xunit2.TestKit(node.System).CreateTestProbe();
        node.Registry.Register<CampaignManagerKey>(_manager.Ref, overwrite: true);
    }

    [Fact]
    public async Task List_shows_each_campaign_of_the_manager()
    {
        var reply = _node.SendAsync("campaign list --json");
        _manager.ExpectMsg<ListCampaigns>();
        _manager.Reply(new CampaignList([SampleResults.Running("b2"), SampleResults.Running("a1") with { State = "paused" }]));

        var rows = Rows(await reply);
        Assert.Equal(["a1", "b2"], rows.Select(r => r.GetProperty("campaign").GetString()!).ToArray());
        Assert.Equal("paused", rows[0].GetProperty("state").GetString());
        Assert.Equal(48_000, rows[1].GetProperty("eot").GetInt64());
    }

    [Fact]
    public async Task Status_gives_spills_eot_rate_eta_and_quarantined()
    {
        var reply = _node.SendAsync("campaign status c1 --json");
        _manager.ExpectMsg<GetCampaign>(m => Assert.Equal("c1", m.CampaignId));
        _manager.Reply(SampleResults.Running());

        var fields = Rows(await reply).ToDictionary(r => r.GetProperty("field").GetString()!, r => r.GetProperty("value"));
        Assert.Equal("4/10 done", fields["spills"].GetString());
        Assert.Equal(1, fields["quarantined"].GetInt32());
        Assert.Equal(48_000, fields["eot"].GetInt64());
        Assert.Equal(10_000, fields["events/s"].GetDouble());
        // 5 spills left × (50 000 events / 5 finished spills) / 10 000 events/s = 5 s.
        Assert.Equal("0m05s", fields["eta"].GetString());
    }

    [Fact]
    public async Task Pause_resume_cancel_send_the_command_and_print_the_new_state()
    {
        foreach (var (verb, state) in new[] { ("pause", "paused"), ("resume", "running"), ("cancel", "cancelled") })
        {
            var reply = _node.SendAsync($"campaign {verb} c1");
            var message = _manager.ExpectMsg<object>();
            Assert.Equal(verb switch { "pause" => typeof(PauseCampaign), "resume" => typeof(ResumeCampaign), _ => typeof(CancelCampaign) }, message.GetType());
            _manager.Reply(SampleResults.Running() with { State = state });
            Assert.Equal([$"campaign c1: {state}"], (await reply).Body);
        }
    }

    [Fact]
    public async Task A_failure_of_the_manager_is_one_error_line()
    {
        var reply = _node.SendAsync("campaign pause nope");
        _manager.ExpectMsg<PauseCampaign>();
        _manager.Reply(new CampaignCommandFailed("no campaign nope"));

        Assert.Equal("no campaign nope", (await reply).Error);
    }

    [Fact]
    public async Task Cutflow_is_the_merged_cut_flow_of_each_sample()
    {
        var reply = _node.SendAsync("campaign cutflow c1 --json");
        _manager.ExpectMsg<GetCampaignResults>(m => Assert.Equal("c1", m.CampaignId));
        _manager.Reply(SampleResults.Reply());

        using var doc = JsonDocument.Parse(Assert.Single((await reply).Body));
        var beam = doc.RootElement.GetProperty("beam").EnumerateArray().ToList();
        var expected = SampleResults.Finished.Samples["beam"].CutFlow;
        Assert.Equal(CutNames.All, beam.Select(r => r.GetProperty("cut").GetString()!).ToArray());
        Assert.Equal(expected, beam.Select(r => r.GetProperty("events").GetInt64()).ToArray());
        Assert.Equal(3000, expected[0]);
        Assert.StartsWith("campaign c1: 4/5 spills done, 1 quarantined (500 events)", doc.RootElement.GetProperty("messages")[0].GetString());
    }

    [Fact]
    public async Task Efficiency_is_the_weighted_cut_flow_of_each_signal_sample_named_by_its_identity()
    {
        var reply = _node.SendAsync("campaign efficiency c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(SampleResults.Reply());

        using var doc = JsonDocument.Parse(Assert.Single((await reply).Body));
        var rows = doc.RootElement.GetProperty("efficiency").EnumerateArray().ToList();
        var signal = SampleResults.Finished.Samples["signal-16.7MeV"];
        Assert.Equal(CutNames.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(16.7, r.GetProperty("mass_mev").GetDouble()));
        // Events and efficiencies are the sample's own cut-flow, cut by cut (efficiency: Σw after the cut over Σw of all).
        Assert.Equal(signal.CutFlow, rows.Select(r => r.GetProperty("events").GetInt64()).ToArray());
        var all = FixedPointWeight.ToDouble(signal.WeightedCutFlow[0]);
        for (var c = 0; c < CutNames.Count; c++)
            Assert.Equal(FixedPointWeight.ToDouble(signal.WeightedCutFlow[c]) / all, rows[c].GetProperty("efficiency").GetDouble(), 12);
    }

    [Fact]
    public async Task Background_and_limits_use_the_campaign_conditions_and_analysis_not_the_node_ones()
    {
        var narrow = SampleResults.NarrowBox();
        // Projected to 10× the beam's 3000 EOT: its empty box's bound, scaled, stays below the maximum.
        var reply = SampleResults.Reply("""{"method": "fc", "projected_eot": [3e4]}""", narrow);

        var background = _node.SendAsync("campaign background c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(reply);
        using (var doc = JsonDocument.Parse(Assert.Single((await background).Body)))
        {
            var used = Assert.Single(doc.RootElement.GetProperty("for limits").EnumerateArray());
            Assert.Equal("beam", used.GetProperty("reference").GetString());
            Assert.Equal(3000, used.GetProperty("eot").GetInt64());
            var regions = doc.RootElement.GetProperty("abcd regions").EnumerateArray().ToList();
            Assert.Equal(4, regions.Count);
            // The side-bands follow the campaign's box (E_ECAL < 30 GeV), not this node's embedded 50 GeV.
            Assert.Contains(regions, r => r.GetProperty("definition").GetString()!.Contains("30", StringComparison.Ordinal));
            Assert.DoesNotContain(regions, r => r.GetProperty("definition").GetString()!.Contains("50", StringComparison.Ordinal));
            // The per-source table of background.csv, its total what the limits take.
            var sources = doc.RootElement.GetProperty("sources").EnumerateArray().ToList();
            Assert.Equal(AnalysisReport.BackgroundColumns, sources[0].EnumerateObject().Select(p => p.Name));
            Assert.Equal("total", sources[^1].GetProperty("source").GetString());
            Assert.Equal("sources", used.GetProperty("method").GetString());
            Assert.Contains(sources, r => r.GetProperty("source").GetString() == "hadron-interaction");
        }

        var limits = _node.SendAsync("campaign limits c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(reply);
        using (var doc = JsonDocument.Parse(Assert.Single((await limits).Body)))
        {
            var rows = doc.RootElement.GetProperty("limits").EnumerateArray().ToList();
            Assert.Equal(["observed", "projected"], rows.Select(r => r.GetProperty("kind").GetString()));
            Assert.All(rows, r => Assert.Equal("fc", r.GetProperty("method").GetString()));
            Assert.All(rows, r => Assert.Equal(16.7, r.GetProperty("mass_mev").GetDouble()));
            Assert.Equal(3e4, rows[1].GetProperty("eot").GetDouble());
            Assert.True(rows[0].GetProperty("n_up").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task A_muon_campaign_palettes_are_its_results_tables()
    {
        var reply = SampleResults.MuonReply();
        var (samples, setup, options) = Actors.Campaign.CampaignResults.ForAnalysis(reply);
        var zprime = Physics.Analysis.CampaignAnalysis.From(samples, setup, options).ZPrime!;
        foreach (var (verb, title, table) in new[]
        {
            ("cutflow", "cutflow", MuonReport.CutFlow(zprime)), ("efficiency", "efficiency", MuonReport.Efficiency(zprime)),
            ("background", "beam muons", MuonReport.Background(zprime)), ("limits", "limits", MuonReport.Limits(zprime)),
        })
        {
            var answer = _node.SendAsync($"campaign {verb} mu --json");
            _manager.ExpectMsg<GetCampaignResults>(m => Assert.Equal("mu", m.CampaignId));
            _manager.Reply(reply);
            var response = await answer;
            Assert.True(response.Ok, response.Error);
            using var doc = JsonDocument.Parse(Assert.Single(response.Body));
            var rows = doc.RootElement.GetProperty(title).EnumerateArray().ToList();
            AssertRowsAre(table, rows);
        }
        Assert.Equal(4000, zprime.Mot);
        Assert.Equal(6 + 6, MuonReport.CutFlow(zprime).Rows.Count);
    }

    [Fact]
    public async Task A_visible_campaign_palettes_are_its_results_tables()
    {
        var reply = SampleResults.VisibleReply();
        var (samples, setup, options) = Actors.Campaign.CampaignResults.ForAnalysis(reply);
        var visible = Physics.Analysis.CampaignAnalysis.From(samples, setup, options).Visible!;
        foreach (var (verb, table) in new[]
        {
            ("cutflow", VisibleReport.CutFlow(visible)), ("efficiency", VisibleReport.Efficiency(visible)), ("limits", VisibleReport.Bands(visible)),
            ("background", VisibleReport.Background(visible)),
        })
        {
            var answer = _node.SendAsync($"campaign {verb} vis --json");
            _manager.ExpectMsg<GetCampaignResults>(m => Assert.Equal("vis", m.CampaignId));
            _manager.Reply(reply);
            var response = await answer;
            Assert.True(response.Ok, response.Error);
            using var doc = JsonDocument.Parse(Assert.Single(response.Body));
            var rows = doc.RootElement.GetProperty(verb).EnumerateArray().ToList();
            AssertRowsAre(table, rows);
        }
        Assert.Equal(6, VisibleReport.CutFlow(visible).Rows.Count);
        Assert.Equal(3.0e10, visible.Inputs.Eot);
        // The background table: the setup's two K⁰_S sources' rows, one per step, then the total at each exposure.
        Assert.Equal(2 * 5 + visible.Bands.Count, VisibleReport.Background(visible).Rows.Count);
        Assert.True(visible.Inputs.Background.Expected > 0);
    }

    /// <summary>Every cell the file's table has, under its column: the same numbers as the CSV file.</summary>
    private static void AssertRowsAre(ResultTable table, IReadOnlyList<JsonElement> rows)
    {
        Assert.Equal(table.Rows.Count, rows.Count);
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
                switch (table.Rows[r][c])
                {
                    case double d when double.IsFinite(d):
                        Assert.Equal(d, rows[r].GetProperty(table.Columns[c]).GetDouble());
                        break;
                    case long n:
                        Assert.Equal(n, rows[r].GetProperty(table.Columns[c]).GetInt64());
                        break;
                    case string t:
                        Assert.Equal(t, rows[r].GetProperty(table.Columns[c]).GetString());
                        break;
                }
    }

    [Fact]
    public async Task Submit_sends_the_spec_text_and_conditions_and_no_folder_of_the_callers()
    {
        const string spec = "{ \"id\": \"mc-1\", \"samples\": [] }";
        const string conditions = "{ \"version\": \"v9\" }";
        var line = $"campaign submit {B64(spec)} {B64(conditions)} --json";

        var reply = _node.SendAsync(line);
        _manager.ExpectMsg<SubmitCampaign>(m =>
        {
            Assert.Equal(spec, m.SpecJson);
            Assert.Null(m.BaseDirectory); // relative raw paths resolve under the manager's node's data root
            Assert.Equal(conditions, m.ConditionsJson);
        });
        _manager.Reply(new CampaignAccepted("mc-1", "f00d", false));

        Assert.Equal("mc-1", Rows(await reply)[0].GetProperty("campaign").GetString());
        Assert.Equal("SPEC_BASE64 is not base64", (await _node.SendAsync("campaign submit %%%")).Error);
    }

    [Fact]
    public async Task Submit_refuses_a_base_folder_from_the_caller()
    {
        const string spec = "{ \"id\": \"mc-1\", \"samples\": [] }";
        const string refused = "campaign submit takes SPEC_BASE64 [CONDITIONS_BASE64]: the base folder is not the caller's to choose (relative raw paths resolve under the node's first data root)";

        Assert.Equal(refused, (await _node.SendAsync($"campaign submit {B64(spec)} {B64("/home/victim")}")).Error);
        Assert.Equal(refused, (await _node.SendAsync($"campaign submit {B64(spec)} {B64("/home/victim")} {B64("{}")}")).Error);
        _manager.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_command_without_its_id_is_refused_before_asking_the_manager()
    {
        Assert.Equal("missing argument ID", (await _node.SendAsync("campaign status")).Error);
        Assert.Equal("unexpected argument 'extra'", (await _node.SendAsync("campaign cancel c1 extra")).Error);
        _manager.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static List<JsonElement> Rows(CommandResponse reply)
    {
        Assert.True(reply.Ok, reply.Error);
        return JsonDocument.Parse(Assert.Single(reply.Body)).RootElement.EnumerateArray().ToList();
    }
}
