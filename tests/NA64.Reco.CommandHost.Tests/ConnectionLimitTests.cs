using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// Connections that never authenticate cannot lock out a client holding the token: they are a pool of their own whose
/// oldest member makes room for a new connection; authenticated sessions have their own limit, and a refusal reaches
/// the client as one line.
/// </summary>
public sealed class ConnectionLimitTests : IDisposable
{
    private const string Token = "limits-token";
    private readonly TempFolder _folder = new();
    private readonly string _tokenFile;

    public ConnectionLimitTests()
    {
        _tokenFile = _folder["cmd-token"];
        File.WriteAllText(_tokenFile, Token + "\n");
    }

    [Fact]
    public async Task A_flood_of_idle_connections_beyond_every_limit_leaves_a_client_with_the_token_answered_at_once()
    {
        var options = new CommandHostOptions { Port = 0, TokenFile = _tokenFile, MaxConnections = 4, MaxAnonymousConnections = 8, AuthTimeout = TimeSpan.FromMinutes(5) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);
        var flood = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var raw = new TcpClient();
                await raw.ConnectAsync("127.0.0.1", host.Port);
                flood.Add(raw);
            }

            var clock = Stopwatch.StartNew();
            await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, Token).WaitAsync(TimeSpan.FromSeconds(10));
            var help = await client.SendAsync("help").WaitAsync(TimeSpan.FromSeconds(10));
            clock.Stop();

            Assert.True(help.Ok, help.Error);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
            // The oldest idle connection was told why it went.
            using var reader = new StreamReader(flood[0].GetStream());
            Assert.Equal("error too many connections: this unauthenticated one, the oldest, is closed for a newer one",
                await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            // The 7 newest idle ones remain (the client took the eighth place, then authenticated).
            Assert.Equal((1, 7), host.Connections);
        }
        finally
        {
            foreach (var raw in flood) raw.Dispose();
        }
    }

    [Fact]
    public async Task Authenticated_sessions_beyond_their_limit_are_refused_in_one_line_through_the_cli()
    {
        var options = new CommandHostOptions { Port = 0, TokenFile = _tokenFile, MaxConnections = 2 };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);
        await using var first = await CommandClient.ConnectAsync("127.0.0.1", host.Port, Token);
        var second = await CommandClient.ConnectAsync("127.0.0.1", host.Port, Token);

        var refused = await Assert.ThrowsAsync<CommandClientException>(() => CommandClient.ConnectAsync("127.0.0.1", host.Port, Token));
        var cli = await Na64Process.Run(Na64Process.Environment(_folder["state"]), "cmd", "--host", "127.0.0.1:" + host.Port, "--token-file", _tokenFile, "help");

        Assert.Equal("too many connections (2 authenticated sessions): try again later", refused.Message);
        Assert.Equal(5, cli.Code);
        Assert.Equal($"na64 cmd: 127.0.0.1:{host.Port}: too many connections (2 authenticated sessions): try again later\n", cli.Error);

        // A session that ends makes room.
        await second.DisposeAsync();
        await Until(() => host.Connections.Authenticated == 1);
        await using var third = await CommandClient.ConnectAsync("127.0.0.1", host.Port, Token);
        Assert.True((await third.SendAsync("help")).Ok);
    }

    [Fact]
    public async Task A_connection_that_neither_authenticates_nor_asks_is_closed_after_the_auth_timeout()
    {
        var options = new CommandHostOptions { Port = 0, TokenFile = _tokenFile, AuthTimeout = TimeSpan.FromSeconds(1) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);
        using var raw = new TcpClient();
        await raw.ConnectAsync("127.0.0.1", host.Port);
        using var reader = new StreamReader(raw.GetStream());

        Assert.Equal("error no request within 1 s: closing", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(".", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await Until(() => host.Connections == (0, 0));
    }

    [Fact]
    public async Task The_cli_reports_a_refused_connection_in_one_line()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var cli = await Na64Process.Run(Na64Process.Environment(_folder["state"]), "cmd", "--host", "127.0.0.1:" + port, "cluster", "show");

        Assert.Equal(5, cli.Code);
        Assert.Equal($"na64 cmd: 127.0.0.1:{port}: connection refused (is a node listening there?)\n", cli.Error);
    }

    /// <summary>Polls a condition of the host's own bookkeeping, which follows the sockets' ends by a moment.</summary>
    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
            await Task.Delay(10, deadline.Token);
        }
    }

    public void Dispose() => _folder.Dispose();
}
