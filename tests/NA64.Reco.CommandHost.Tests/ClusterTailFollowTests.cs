using Akka.Actor;
using Akka.Cluster;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary><c>cluster tail --follow</c>: live membership events while a second node joins, ended by the client's line.</summary>
public sealed class ClusterTailFollowTests(LiveNode node) : IClassFixture<LiveNode>
{
    [Fact]
    public async Task Follow_streams_a_joining_member_and_ends_when_the_client_sends_a_line()
    {
        await using var client = await node.ConnectAsync();
        var lines = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seenSelf = new TaskCompletionSource();
        Address? otherAddress = null;
        var seenOther = new TaskCompletionSource();
        var self = Cluster.Get(node.System).SelfAddress.ToString();

        var streaming = client.StreamAsync("cluster tail 5 --follow", line =>
        {
            lock (lines) lines.Add(line);
            if (line.Contains("MemberUp", StringComparison.Ordinal) && line.Contains(self, StringComparison.Ordinal)) seenSelf.TrySetResult();
            if (otherAddress is not null && line.Contains("MemberUp", StringComparison.Ordinal) && line.Contains(otherAddress.ToString(), StringComparison.Ordinal))
                seenOther.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);
        await seenSelf.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A second member joins: its MemberUp must arrive on the open stream.
        await using (var other = ProbeMember.Start())
        {
            otherAddress = other.Address;
            other.Join(node.System);
            await seenOther.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        await stop.CancelAsync();
        var reply = await streaming.WaitAsync(TimeSpan.FromSeconds(10));
        var after = await client.SendAsync("cluster show");

        Assert.True(reply.Ok, reply.Error);
        Assert.True(after.Ok, after.Error);
        lock (lines) Assert.Contains(lines, l => l.Contains("MemberUp", StringComparison.Ordinal) && l.Contains(otherAddress!.ToString(), StringComparison.Ordinal));
    }
}
