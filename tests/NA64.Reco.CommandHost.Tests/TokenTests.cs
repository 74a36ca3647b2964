using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// A node's token on loopback: read-only commands run without it, commands that change state only with it (by
/// <c>auth</c> or <c>token=</c>); a wrong one is refused and the connection stays usable.
/// </summary>
public sealed class TokenTests(TokenNode node) : IClassFixture<TokenNode>
{
    private const string Required = "token required ('cluster down-unreachable' changes state): send 'auth TOKEN' first or prefix the request with token=TOKEN";

    [Fact]
    public async Task Read_only_commands_run_without_the_token_and_state_changes_need_it()
    {
        await using var client = await node.ConnectAsync();

        Assert.True((await client.SendAsync("cluster show")).Ok);
        Assert.True((await client.SendAsync("help")).Ok);
        Assert.Equal(Required, (await client.SendAsync("cluster down-unreachable")).Error);
        Assert.Equal("wrong token", (await client.SendAsync("auth nope")).Error);
        Assert.Equal("wrong token", (await client.SendAsync("token=nope cluster down-unreachable")).Error);
        Assert.True((await client.SendAsync($"token={TokenNode.SharedToken} cluster down-unreachable")).Ok);
        // token= is for its request only.
        Assert.Equal(Required, (await client.SendAsync("cluster down-unreachable")).Error);
        Assert.True((await client.SendAsync("auth " + TokenNode.SharedToken)).Ok);
        Assert.True((await client.SendAsync("cluster down-unreachable")).Ok);
    }

    [Fact]
    public async Task The_client_authenticates_with_the_token_and_a_wrong_one_fails_to_connect()
    {
        await using (var client = await node.ConnectAsync(TokenNode.SharedToken))
            Assert.True((await client.SendAsync("cluster down-unreachable")).Ok);

        var ex = await Assert.ThrowsAsync<CommandClientException>(() => node.ConnectAsync("wrong"));
        Assert.Equal("wrong token", ex.Message);
    }

    [Fact]
    public async Task A_host_without_a_token_runs_no_command_that_changes_state()
    {
        await using var host = CommandHost.Start(new CommandHostOptions { Port = 0 }, new CommandDispatcher(
            [new ClusterPalette(node.System, Akka.Actor.ActorRefs.Nobody, TimeSpan.FromSeconds(5))]), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, "anything");

        Assert.False(host.RequiresToken);
        Assert.True((await client.SendAsync("cluster show")).Ok);
        Assert.Equal("'cluster down-unreachable' changes state and this command host has no token: refused", (await client.SendAsync("cluster down-unreachable")).Error);
    }
}
