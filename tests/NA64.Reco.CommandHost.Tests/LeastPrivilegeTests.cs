using System.Text;
using System.Text.Json;
using Akka.Cluster;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// Through the real <c>na64</c> process: every command that changes state, sent without the node's token, is refused
/// in one line and changes nothing; read-only commands run without it on loopback; with the token file they run.
/// </summary>
public sealed class LeastPrivilegeTests(LiveNode node) : IClassFixture<LiveNode>
{
    private string Host => "127.0.0.1:" + node.Port;

    [Fact]
    public async Task Each_mutating_command_without_the_token_is_refused_in_one_line_and_changes_nothing()
    {
        using var state = new TempFolder();
        var environment = Na64Process.Environment(state.Path);
        node.ChunkGate.Reset(); // the campaign stays running while the commands are tried
        try
        {
            var submitted = await node.SendAsync($"campaign submit {B64(Spec("held"))}");
            Assert.True(submitted.Ok, submitted.Error);
            var before = await ListAsync();
            var self = Cluster.Get(node.System).SelfAddress.ToString();

            foreach (var (name, arguments) in new (string, string[])[]
                     {
                         ("campaign pause", ["held"]), ("campaign resume", ["held"]), ("campaign cancel", ["held"]),
                         ("campaign submit", [B64(Spec("other"))]), ("cluster leave", [self]), ("cluster leave", []), ("cluster down", [self]),
                         ("cluster join", ["akka.tcp://na64@127.0.0.1:4053"]), ("cluster down-unreachable", []),
                     })
            {
                var (code, output, error) = await Na64Process.Run(environment, ["cmd", "--host", Host, .. name.Split(' '), .. arguments]);

                Assert.Equal(1, code);
                Assert.Equal("", output);
                Assert.Equal($"error: token required ('{name}' changes state): send 'auth TOKEN' first or prefix the request with token=TOKEN\n", error);
            }

            Assert.Equal(before, await ListAsync());
            Assert.Equal("running", Assert.Single(JsonDocument.Parse(before).RootElement.EnumerateArray()).GetProperty("state").GetString());
            Assert.Equal(MemberStatus.Up, Cluster.Get(node.System).SelfMember.Status);

            var status = await Na64Process.Run(environment, "cmd", "--host", Host, "campaign", "status", "held");
            Assert.True(status.Code == 0, status.Error);
            Assert.Contains("running", status.Output);

            var wrong = Path.Combine(state.Path, "wrong-token");
            await File.WriteAllTextAsync(wrong, "not-the-token\n");
            var refused = await Na64Process.Run(environment, "cmd", "--host", Host, "--token-file", wrong, "campaign", "pause", "held");
            Assert.Equal(5, refused.Code);
            Assert.Equal($"na64 cmd: {Host}: wrong token\n", refused.Error);

            var paused = await Na64Process.Run(environment, "cmd", "--host", Host, "--token-file", node.TokenFile, "campaign", "pause", "held");
            Assert.True(paused.Code == 0, paused.Error);
            Assert.Equal("campaign held: paused\n", paused.Output);
        }
        finally
        {
            node.ChunkGate.Set();
        }
    }

    [Fact]
    public async Task Help_marks_the_commands_that_need_the_token()
    {
        var reply = await node.SendAsync("help --json");

        Assert.True(reply.Ok, reply.Error);
        // With its note, help is an object: the messages, then the table.
        var access = JsonDocument.Parse(Assert.Single(reply.Body)).RootElement.EnumerateObject().Last().Value.EnumerateArray()
            .ToDictionary(r => r.GetProperty("command").GetString()!, r => r.GetProperty("access").GetString());
        string[] mutating = ["campaign pause", "campaign resume", "campaign cancel", "campaign submit", "cluster leave", "cluster down", "cluster join", "cluster down-unreachable"];
        Assert.All(mutating, c => Assert.Equal("token", access[c]));
        Assert.All(access.Keys.Except(mutating), c => Assert.Equal("read", access[c]));
    }

    /// <summary>The campaign list as JSON text: equal text, nothing changed.</summary>
    private async Task<string> ListAsync()
    {
        var reply = await node.SendAsync("campaign list --json");
        Assert.True(reply.Ok, reply.Error);
        return Assert.Single(reply.Body);
    }

    private static string Spec(string id) =>
        $$"""{ "id": "{{id}}", "inputs": { "samples": [ { "sample": "beam", "spills": 2, "events_per_spill": 10, "seed": 1 } ] } }""";

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
