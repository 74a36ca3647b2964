using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>A node whose command host requires a token: refused without or with a wrong one, the connection stays usable.</summary>
public sealed class TokenTests(TokenNode node) : IClassFixture<TokenNode>
{
    [Fact]
    public async Task Without_token_nothing_runs_and_auth_unlocks_the_connection()
    {
        await using var client = await node.ConnectAsync();

        Assert.Equal("token required: send 'auth TOKEN' first or prefix the request with token=TOKEN", (await client.SendAsync("cluster show")).Error);
        Assert.Equal("wrong token", (await client.SendAsync("auth nope")).Error);
        Assert.Equal("wrong token", (await client.SendAsync("token=nope cluster show")).Error);
        Assert.True((await client.SendAsync($"token={TokenNode.SharedToken} cluster show")).Ok);
        Assert.Equal("token required: send 'auth TOKEN' first or prefix the request with token=TOKEN", (await client.SendAsync("help")).Error);
        Assert.True((await client.SendAsync("auth " + TokenNode.SharedToken)).Ok);
        Assert.True((await client.SendAsync("cluster show")).Ok);
    }

    [Fact]
    public async Task The_client_authenticates_with_the_token_and_a_wrong_one_fails_to_connect()
    {
        await using (var client = await node.ConnectAsync(TokenNode.SharedToken))
            Assert.True((await client.SendAsync("help")).Ok);

        var ex = await Assert.ThrowsAsync<CommandClientException>(() => node.ConnectAsync("wrong"));
        Assert.Equal("wrong token", ex.Message);
    }
}
