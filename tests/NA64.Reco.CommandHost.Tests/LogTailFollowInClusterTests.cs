using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// <c>log tail --follow</c> on a node of a two-member cluster: what the node logs of a second member joining arrives on
/// the open stream (the node logs at information level here, as <c>--log-level info</c> would have it).
/// </summary>
public sealed class LogTailFollowInClusterTests(LogTailFollowInClusterTests.InformationNode node) : IClassFixture<LogTailFollowInClusterTests.InformationNode>
{
    /// <summary>A live node that logs at information level: Akka's cluster then logs each member it moves to Up.</summary>
    public sealed class InformationNode : LiveNode
    {
        protected override LogLevel MinimumLevel => LogLevel.Information;
    }

    [Fact]
    public async Task Follow_streams_the_nodes_log_of_a_second_member_joining_its_cluster()
    {
        var marker = "cluster-follow-" + Guid.NewGuid().ToString("N");
        var logger = node.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FollowTest");
        logger.LogWarning("following {Marker}", marker);
        await using var client = await node.ConnectAsync();
        var lines = new List<string>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawOther = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? otherAddress = null;
        using var stop = new CancellationTokenSource();

        var streaming = client.StreamAsync("log tail 50 --follow", line =>
        {
            lock (lines) lines.Add(line);
            if (line.EndsWith($"FollowTest: following {marker}", StringComparison.Ordinal)) subscribed.TrySetResult();
            if (Volatile.Read(ref otherAddress) is { } other && line.Contains(other, StringComparison.Ordinal) && line.Contains("Up", StringComparison.Ordinal))
                sawOther.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);
        // The marker came with the tail: the stream follows from here, before the second member comes.
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await using (var other = ProbeMember.Start())
        {
            Volatile.Write(ref otherAddress, other.Address.ToString());
            other.Join(node.System);
            await sawOther.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await stop.CancelAsync();
        var reply = await streaming.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(reply.Ok, reply.Error);
        lock (lines) Assert.Contains(lines, l => l.Contains(otherAddress, StringComparison.Ordinal));
    }
}
