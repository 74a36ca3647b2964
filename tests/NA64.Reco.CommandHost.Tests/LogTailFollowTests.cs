using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// <c>log tail --follow</c> over real TCP: the last lines, then each new one as it is logged, until the client sends a
/// line or goes away; either way the node keeps no subscription for it.
/// </summary>
public sealed class LogTailFollowTests(LiveNode node) : IClassFixture<LiveNode>
{
    private InMemoryLog Log => node.Services.GetRequiredService<CommandHostHandle>().Log;
    private ILogger Logger => node.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FollowTest");

    [Fact]
    public async Task Follow_streams_the_last_lines_then_new_ones_until_the_client_sends_a_line()
    {
        var marker = "follow-" + Guid.NewGuid().ToString("N");
        Logger.LogWarning("before {Marker}", marker);
        await using var client = await node.ConnectAsync();
        var lines = new List<string>();
        var sawBefore = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawAfter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var streaming = client.StreamAsync("log tail 50 --follow", line =>
        {
            lock (lines) lines.Add(line);
            if (line.EndsWith($"warn FollowTest: before {marker}", StringComparison.Ordinal)) sawBefore.TrySetResult();
            if (line.EndsWith($"warn FollowTest: after {marker}", StringComparison.Ordinal)) sawAfter.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);
        await sawBefore.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, Log.Followers);
        Logger.LogWarning("after {Marker}", marker);
        await sawAfter.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        var reply = await streaming.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(reply.Ok, reply.Error);
        lock (lines) Assert.Equal(1, lines.Count(l => l.EndsWith($"warn FollowTest: after {marker}", StringComparison.Ordinal)));
        await UntilNoFollower();
        // The stream ended, the connection did not: it takes requests again.
        var after = await client.SendAsync("log peek 1");
        Assert.True(after.Ok, after.Error);
    }

    [Fact]
    public async Task A_client_that_disconnects_while_following_leaves_no_subscription_and_the_node_logs_on()
    {
        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync("127.0.0.1", node.Port);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes("log tail 1 --follow\n"));
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            Assert.Equal("ok", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            await Poll.Until(() => Log.Followers == 1, "the follow subscribed");
        }

        // Closed without the ending line: the host sees the connection end and drops the subscription.
        await UntilNoFollower();
        Logger.LogWarning("after the follower left");
        var reply = await node.SendAsync("log peek 1");
        Assert.True(reply.Ok, reply.Error);
        Assert.EndsWith("warn FollowTest: after the follower left", Assert.Single(reply.Body));
    }

    [Fact]
    public async Task Follow_with_json_sends_each_line_as_an_object()
    {
        var marker = "json-" + Guid.NewGuid().ToString("N");
        Logger.LogWarning("json {Marker}", marker);
        await using var client = await node.ConnectAsync();
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();

        var streaming = client.StreamAsync("log tail 20 --follow --json", line =>
        {
            if (line.Contains(marker, StringComparison.Ordinal)) seen.TrySetResult(line);
            return Task.CompletedTask;
        }, stop.Token);
        var json = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await streaming.WaitAsync(TimeSpan.FromSeconds(10));

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.EndsWith($"warn FollowTest: json {marker}", doc.RootElement.GetProperty("line").GetString());
        await UntilNoFollower();
    }

    private Task UntilNoFollower() => Poll.Until(() => Log.Followers == 0, "no follower left on the node's log");
}
