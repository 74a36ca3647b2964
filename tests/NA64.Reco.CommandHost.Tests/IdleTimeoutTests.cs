using Microsoft.Extensions.Logging.Abstractions;
using NA64.Reco.CommandHost;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>A silent connection is told why and closed after the idle timeout; the host keeps accepting.</summary>
public sealed class IdleTimeoutTests
{
    [Fact]
    public async Task An_idle_connection_is_closed_with_a_reason_and_a_new_one_is_served()
    {
        // Long enough that the fresh connection's first request, sent at once, is not itself idle on a loaded machine.
        var options = new CommandHostOptions { Port = 0, IdleTimeout = TimeSpan.FromSeconds(1.5) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance);

        await using var idle = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        var reply = await idle.ReadReplyAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await using var fresh = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        var help = await fresh.SendAsync("help");

        Assert.Equal("idle timeout: closing", reply.Error);
        await Assert.ThrowsAsync<CommandClientException>(() => idle.SendAsync("help"));
        Assert.True(help.Ok, help.Error);
        Assert.Contains(help.Body, l => l.StartsWith("help ", StringComparison.Ordinal));
    }
}
