using System.Text;
using System.Text.Json;
using Akka.Hosting;
using Akka.TestKit;
using NA64.Reco.Actors.Inspection;
using NA64.Reco.Inspection.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Selection;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Inspection.Tests;

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
        _manager.Reply(SampleResults.Finished);

        using var doc = JsonDocument.Parse(Assert.Single((await reply).Body));
        var beam = doc.RootElement.GetProperty("beam").EnumerateArray().ToList();
        var expected = SampleResults.Finished.Samples["beam"].CutFlow;
        Assert.Equal(CutNames.All, beam.Select(r => r.GetProperty("cut").GetString()!).ToArray());
        Assert.Equal(expected, beam.Select(r => r.GetProperty("events").GetInt64()).ToArray());
        Assert.Equal(3000, expected[0]);
        Assert.StartsWith("campaign c1: 4/5 spills done, 1 quarantined (500 events)", doc.RootElement.GetProperty("messages")[0].GetString());
    }

    [Fact]
    public async Task Efficiency_is_the_analysis_table_of_each_signal_mass()
    {
        var reply = _node.SendAsync("campaign efficiency c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(SampleResults.Finished);

        using var doc = JsonDocument.Parse(Assert.Single((await reply).Body));
        var table = doc.RootElement.EnumerateObject().Single(p => p.Name.StartsWith("signal-16.7MeV", StringComparison.Ordinal)).Value.EnumerateArray().ToList();
        var expected = EfficiencyTable.From(SampleResults.Finished.Samples["signal-16.7MeV"], 16.7);
        Assert.Equal(expected.Rows.Select(r => r.Efficiency), table.Select(r => r.GetProperty("efficiency").GetDouble()));
        Assert.Equal(expected.Rows.Select(r => r.Events), table.Select(r => r.GetProperty("events").GetInt64()));
    }

    [Fact]
    public async Task Background_and_limits_use_the_beam_sample_and_the_node_conditions()
    {
        var finished = SampleResults.Finished;
        var estimate = AbcdBackground.Estimate(finished.Samples["beam"].EcalVsHcal, AbcdSidebands.FromCuts(DetectorConditions.Default.Cuts));

        var background = _node.SendAsync("campaign background c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(finished);
        using (var doc = JsonDocument.Parse(Assert.Single((await background).Body)))
        {
            var row = doc.RootElement.GetProperty("estimate")[0];
            Assert.Equal("beam", row.GetProperty("sample").GetString());
            Assert.Equal(AbcdBackground.MethodName, row.GetProperty("method").GetString());
            Assert.Equal(estimate.Regions.Select(r => r.Count), doc.RootElement.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("count").GetInt64()));
        }

        var limits = _node.SendAsync("campaign limits c1 --json");
        _manager.ExpectMsg<GetCampaignResults>();
        _manager.Reply(finished);
        using (var doc = JsonDocument.Parse(Assert.Single((await limits).Body)))
        {
            var beam = finished.Samples["beam"];
            var expected = LimitTable.Build([SignalPoint.From(EfficiencyTable.From(finished.Samples["signal-16.7MeV"], 16.7))],
                new LimitInputs((int)beam.CutFlow[CutNames.Count - 1], estimate.IsDefined ? estimate.Expected : 0,
                    estimate.IsDefined && double.IsFinite(estimate.TotalUncertainty) ? estimate.TotalUncertainty : 0, beam.Eot));
            var point = Assert.Single(doc.RootElement.GetProperty("limits").EnumerateArray());
            Assert.Equal(16.7, point.GetProperty("mass_mev").GetDouble());
            Assert.Equal(expected.Points[0].NUp, point.GetProperty("n_up").GetDouble());
        }
    }

    [Fact]
    public async Task Submit_sends_the_spec_text_and_base_folder_and_returns_the_id()
    {
        const string spec = "{ \"id\": \"mc-1\", \"samples\": [] }";
        var line = $"campaign submit {B64(spec)} {B64("/data/specs dir")} --json";

        var reply = _node.SendAsync(line);
        _manager.ExpectMsg<SubmitCampaign>(m =>
        {
            Assert.Equal(spec, m.SpecJson);
            Assert.Equal("/data/specs dir", m.BaseDirectory);
        });
        _manager.Reply(new CampaignAccepted("mc-1", "f00d", false));

        Assert.Equal("mc-1", Rows(await reply)[0].GetProperty("campaign").GetString());
        Assert.Equal("SPEC_BASE64 is not base64", (await _node.SendAsync("campaign submit %%%")).Error);
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
