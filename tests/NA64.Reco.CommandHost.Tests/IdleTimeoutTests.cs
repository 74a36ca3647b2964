using Microsoft.Extensions.Logging.Abstractions;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// A silent connection is told why and closed: before its first request after the auth timeout, unauthenticated after
/// the short anonymous idle timeout, authenticated after the idle timeout. The host keeps accepting.
/// </summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task A_connection_silent_from_the_start_is_closed_with_a_reason_and_a_new_one_is_served()
    {
        // Long enough that the fresh connection's first request, sent at once, is not itself late on a loaded machine.
        var options = new CommandHostOptions { Port = 0, AuthTimeout = TimeSpan.FromSeconds(1.5) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);

        await using var idle = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        var reply = await idle.ReadReplyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await using var fresh = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        var help = await fresh.SendAsync("help");

        Assert.Equal("no request within 1.5 s: closing", reply.Error);
        await Assert.ThrowsAsync<CommandClientException>(() => idle.SendAsync("help"));
        Assert.True(help.Ok, help.Error);
        Assert.Contains(help.Body, l => l.StartsWith("help ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unauthenticated_session_idle_after_a_request_is_closed_after_the_anonymous_timeout()
    {
        var options = new CommandHostOptions { Port = 0, AnonymousIdleTimeout = TimeSpan.FromSeconds(1.5) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);

        await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        Assert.True((await client.SendAsync("help")).Ok);
        var reply = await client.ReadReplyAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("idle timeout: closing", reply.Error);
    }

    [Fact]
    public async Task An_authenticated_session_has_its_own_idle_timeout()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder["token"], "idle-token\n");
        var options = new CommandHostOptions
        {
            Port = 0, TokenFile = folder["token"], IdleTimeout = TimeSpan.FromSeconds(1.5), AnonymousIdleTimeout = TimeSpan.FromMinutes(5),
        };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);

        await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, "idle-token");
        var reply = await client.ReadReplyAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("idle timeout: closing", reply.Error);
    }
}
