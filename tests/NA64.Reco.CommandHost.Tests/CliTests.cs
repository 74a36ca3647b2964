using System.CommandLine;
using Akka.Cluster;
using Akka.Hosting;
using Akka.TestKit;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Commands;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>End to end: the real <c>na64 cmd</c>, <c>submit</c> and <c>status</c> verbs, in-process, over TCP to a live node.</summary>
public sealed class CliTests : IClassFixture<LiveNode>
{
    private readonly LiveNode _node;
    private readonly TestProbe _manager;

    public CliTests(LiveNode node)
    {
        _node = node;
        _manager = new Akka.TestKit.Xunit2.TestKit(node.System).CreateTestProbe();
        node.Registry.Register<CampaignManagerKey>(_manager.Ref, overwrite: true);
    }

    private string Host => "127.0.0.1:" + _node.Port;

    [Fact]
    public async Task Cmd_cluster_show_prints_the_member_table_and_exits_0()
    {
        var (code, output, error) = await RunAsync("cmd", "--host", Host, "cluster", "show");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("address", lines[0]);
        Assert.StartsWith(Cluster.Get(_node.System).SelfAddress.ToString(), lines[2]);
    }

    [Fact]
    public async Task Cmd_passes_the_remote_commands_options_through()
    {
        var (code, output, _) = await RunAsync("cmd", "--host", Host, "actor", "hierarchy", "--depth", "1", "--json");

        Assert.Equal(0, code);
        Assert.StartsWith("[{\"depth\":1,", output);
    }

    [Fact]
    public async Task Cmd_with_an_unknown_palette_prints_the_error_and_exits_1()
    {
        var (code, output, error) = await RunAsync("cmd", "--host", Host, "warp", "drive");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("error: unknown palette 'warp' (try: help)", error.TrimEnd());
    }

    [Fact]
    public async Task Cmd_to_a_closed_port_says_so_and_exits_5()
    {
        var (code, _, error) = await RunAsync("cmd", "--host", "127.0.0.1:1", "help");

        Assert.Equal(ExitCodes.Unreachable, code);
        Assert.StartsWith("na64 cmd: 127.0.0.1:1: ", error);
    }

    [Fact]
    public async Task Submit_sends_the_spec_without_its_folder_and_prints_the_campaign_id()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_node.Folder, "specs with space")).FullName;
        var spec = Path.Combine(folder, "mc.json");
        const string text = "{\n  \"id\": \"mc-7\",\n  \"inputs\": { \"samples\": [ { \"sample\": \"beam\", \"spills\": 2, \"events_per_spill\": 10, \"seed\": 1 } ] }\n}\n";
        await File.WriteAllTextAsync(spec, text);

        var run = RunAsync("submit", spec, "--host", Host, "--token-file", _node.TokenFile);
        _manager.ExpectMsg<SubmitCampaign>(m =>
        {
            Assert.Equal(text, m.SpecJson);
            Assert.Null(m.BaseDirectory); // the node resolves relative raw paths under its own data root
            Assert.Null(m.ConditionsJson); // the spec names none: the manager's node's conditions apply
        });
        _manager.Reply(new CampaignAccepted("mc-7", "beef", false));
        var (code, output, error) = await run;

        Assert.Equal(0, code);
        Assert.Equal("mc-7\n", output);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task Submit_follow_waits_for_the_end_and_exits_1_with_the_reason_of_a_failed_campaign()
    {
        var spec = Path.Combine(_node.Folder, "follow.json");
        await File.WriteAllTextAsync(spec, """{ "id": "f-1", "inputs": { "samples": [ { "sample": "beam", "spills": 2, "events_per_spill": 10, "seed": 1 } ] } }""");

        var run = RunAsync("submit", spec, "--host", Host, "--token-file", _node.TokenFile, "--follow");
        _manager.ExpectMsg<SubmitCampaign>();
        _manager.Reply(new CampaignAccepted("f-1", "beef", false));
        _manager.ExpectMsg<GetCampaign>(m => Assert.Equal("f-1", m.CampaignId));
        _manager.Reply(SampleResults.Running("f-1"));
        _manager.ExpectMsg<GetCampaign>();
        _manager.Reply(SampleResults.Running("f-1") with { State = "failed", Reason = "2 spill(s) could not be read" });
        var (code, output, error) = await run;

        Assert.Equal(ExitCodes.Failed, code);
        Assert.StartsWith("f-1\nf-1: 4/10 done, EOT ", output);
        Assert.Equal("na64 submit: campaign f-1 failed: 2 spill(s) could not be read", error.TrimEnd());
    }

    [Fact]
    public async Task Submit_follow_exits_1_for_a_cancelled_campaign_so_that_its_Job_fails()
    {
        var spec = Path.Combine(_node.Folder, "cancelled.json");
        await File.WriteAllTextAsync(spec, """{ "id": "f-2", "inputs": { "samples": [ { "sample": "beam", "spills": 2, "events_per_spill": 10, "seed": 1 } ] } }""");

        var run = RunAsync("submit", spec, "--host", Host, "--token-file", _node.TokenFile, "--follow");
        _manager.ExpectMsg<SubmitCampaign>();
        _manager.Reply(new CampaignAccepted("f-2", "beef", false));
        _manager.ExpectMsg<GetCampaign>(m => Assert.Equal("f-2", m.CampaignId));
        _manager.Reply(SampleResults.Running("f-2") with { State = "cancelled" });
        var (code, output, error) = await run;

        Assert.Equal(ExitCodes.Failed, code);
        Assert.EndsWith("| cancelled\n", output);
        Assert.Equal("na64 submit: campaign f-2 cancelled", error.TrimEnd());
    }

    [Fact]
    public async Task Status_prints_the_progress_table()
    {
        var run = RunAsync("status", "c1", "--host", Host);
        _manager.ExpectMsg<GetCampaign>(m => Assert.Equal("c1", m.CampaignId));
        _manager.Reply(SampleResults.Running());
        var (code, output, _) = await run;

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("spills ", StringComparison.Ordinal) && l.EndsWith("4/10 done", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("eta ", StringComparison.Ordinal) && l.EndsWith("0m05s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_script_on_stdin_runs_each_line_and_reports_any_failure()
    {
        await using var client = await _node.ConnectAsync(_node.NodeToken);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await CmdCommand.RunScriptAsync(client, new StringReader("# comment\nlog peek 1\n\nbogus\ncluster down-unreachable\n"), output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Equal("error: unknown palette 'bogus' (try: help)", error.ToString().TrimEnd());
        Assert.EndsWith("no unreachable member", output.ToString().TrimEnd());
    }

    [Fact]
    public async Task Completion_names_come_from_the_hosts_help()
    {
        await using var client = await _node.ConnectAsync();
        var names = await CmdCommand.CommandNamesAsync(client, CancellationToken.None);

        Assert.Equal(["cluster sharding", "cluster show"], Completion.Candidates(names, "cluster sh"));
        Assert.Equal(["cluster sharding region-stats", "cluster sharding regions"], Completion.Candidates(names, "cluster sharding reg"));
        Assert.Equal("cluster sharding region", Completion.CommonPrefix(Completion.Candidates(names, "cluster sharding reg")));
        Assert.Equal(["cluster sharding shard-stats"], Completion.Candidates(names, "cluster sharding sh"));
        Assert.Equal(["campaign"], Completion.Candidates(names, "camp"));
        Assert.Empty(Completion.Candidates(names, "zzz"));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Na64Cli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }
}
