using System.Text;
using System.Text.Json;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// <c>campaign submit</c> to the node's real campaign manager: raw paths outside its data root (directly, by '..', by a
/// link, /proc) and campaigns beyond its limits are refused in one line, and the manager keeps serving what it had.
/// </summary>
public sealed class ConfinementTests(LiveNode node) : IClassFixture<LiveNode>
{
    [Fact]
    public async Task Raw_inputs_outside_the_data_root_are_refused_in_one_line_and_done_campaigns_stay_listed()
    {
        var done = await node.SendAsync($"campaign submit {B64(McSpec("earlier", spills: 2))}");
        Assert.True(done.Ok, done.Error);
        var before = await UntilDone("earlier");
        var row = JsonDocument.Parse(before).RootElement.EnumerateArray().Single(e => e.GetProperty("campaign").GetString() == "earlier");
        Assert.Equal(2, row.GetProperty("done").GetInt32());
        Assert.Equal(20, row.GetProperty("events").GetInt64());

        var outside = Directory.CreateDirectory(Path.Combine(node.Folder, "outside")).FullName;
        var link = Path.Combine(node.DataFolder, "link-out");
        Directory.CreateSymbolicLink(link, outside);
        var roots = node.DataFolder;
        foreach (var (raw, why) in new[]
                 {
                     ("/proc", "'/proc' is outside the data roots (" + roots + "; --data-root or NA64_DATA_ROOTS adds one)"),
                     (outside, $"'{outside}' is outside the data roots ({roots}; --data-root or NA64_DATA_ROOTS adds one)"),
                     ("../outside", $"'../outside' (really '{outside}') is outside the data roots ({roots}; --data-root or NA64_DATA_ROOTS adds one)"),
                     ("link-out", $"'link-out' (really '{outside}') is outside the data roots ({roots}; --data-root or NA64_DATA_ROOTS adds one)"),
                 })
        {
            var reply = await node.SendAsync($"campaign submit {B64(RawSpec("bad", raw))}");
            Assert.Equal($"campaign spec bad: inputs.raw[0]: {why}", reply.Error);
        }

        Assert.Equal(before, await ListAsync());
        var status = await node.SendAsync("campaign status earlier --json");
        Assert.True(status.Ok, status.Error);
        Assert.Contains("\"2/2 done\"", status.Body[0]);
    }

    [Fact]
    public async Task A_campaign_beyond_the_spill_limit_is_refused_at_submit()
    {
        var reply = await node.SendAsync($"campaign submit {B64(McSpec("huge", spills: 2_000_000))}");

        Assert.Equal("campaign spec huge: inputs: 2000000 spills in all; this campaign service admits at most 1000000 per campaign (--max-campaign-spills)", reply.Error);
        Assert.DoesNotContain("huge", await ListAsync());
    }

    private async Task<string> UntilDone(string id)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var list = await ListAsync();
            if (JsonDocument.Parse(list).RootElement.EnumerateArray().Any(e => e.GetProperty("campaign").GetString() == id && e.GetProperty("state").GetString() == "done"))
                return list;
            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task<string> ListAsync()
    {
        var reply = await node.SendAsync("campaign list --json");
        Assert.True(reply.Ok, reply.Error);
        return Assert.Single(reply.Body);
    }

    private static string McSpec(string id, int spills) =>
        $$"""{ "id": "{{id}}", "inputs": { "samples": [ { "sample": "beam", "spills": {{spills}}, "events_per_spill": 10, "seed": 1 } ] } }""";

    private static string RawSpec(string id, string raw) => $$"""{ "id": "{{id}}", "inputs": { "raw": [ {{JsonSerializer.Serialize(raw)}} ] } }""";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
