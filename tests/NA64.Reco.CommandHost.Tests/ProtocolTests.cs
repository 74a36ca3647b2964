using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>The line protocol over real TCP: help, errors that keep the connection usable, line bounds, fuzz.</summary>
public sealed class ProtocolTests(LiveNode node) : IClassFixture<LiveNode>
{
    [Fact]
    public async Task Help_lists_every_palette_command()
    {
        var reply = await node.SendAsync("help");

        Assert.True(reply.Ok, reply.Error);
        foreach (var command in new[] { "cluster show", "cluster leave", "cluster down", "cluster join", "cluster down-unreachable", "cluster tail",
                     "cluster sharding regions", "cluster sharding region-stats", "cluster sharding shard-stats", "cluster-sharding regions",
                     "cluster-sharding region-stats", "cluster-sharding shard-stats", "actor hierarchy", "log peek", "log tail",
                     "remote associations", "remote quarantines", "campaign list",
                     "campaign status", "campaign cutflow", "campaign efficiency", "campaign background", "campaign limits",
                     "campaign pause", "campaign resume", "campaign cancel", "campaign submit" })
            Assert.Contains(reply.Body, l => l.StartsWith(command + " ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_requests_get_one_error_line_and_the_connection_stays_usable()
    {
        await using var client = await node.ConnectAsync();

        Assert.Equal("unknown palette 'bogus' (try: help)", (await client.SendAsync("bogus show")).Error);
        Assert.Equal("unknown command 'cluster explode' (try: help cluster)", (await client.SendAsync("cluster explode")).Error);
        Assert.Equal("missing command for palette log (try: help log)", (await client.SendAsync("log")).Error);
        Assert.Equal("N must be an integer in [1, 1000], got '-3'", (await client.SendAsync("log peek -3")).Error);
        Assert.Equal("empty request (try: help)", (await client.SendAsync("   ")).Error);
        Assert.Equal("missing argument ID", (await client.SendAsync("campaign status")).Error);
        var ok = await client.SendAsync("cluster show");
        Assert.True(ok.Ok, ok.Error);
    }

    [Fact]
    public async Task An_oversized_line_is_refused_and_the_next_request_is_answered()
    {
        await using var client = await node.ConnectAsync();
        var huge = new string('x', 300_000);

        await client.SendRawAsync(Encoding.UTF8.GetBytes("help " + huge + "\n"));
        var refused = await client.ReadReplyAsync();
        var after = await client.SendAsync("cluster show");

        Assert.Equal("line too long (max 262144 bytes)", refused.Error);
        Assert.True(after.Ok, after.Error);
    }

    [Fact]
    public async Task Body_lines_starting_with_a_dot_survive_dot_stuffing()
    {
        var logger = ((IServiceProvider)node.Services).GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory;
        Assert.NotNull(logger);
        var reply = await node.SendAsync("actor hierarchy --root /user/nobody-here");

        // An empty table prints "(none)"; a lone "." inside a body would have ended the reply early.
        Assert.True(reply.Ok, reply.Error);
        Assert.Equal("(none)", reply.Body[^1]);
        var stuffed = CommandReply.Message(".", "..x", "plain").Body(false);
        Assert.Equal([".", "..x", "plain"], stuffed);
    }

    [Fact]
    public async Task Fuzz_random_bytes_and_lines_leave_the_host_answering()
    {
        var rng = new EventRandom(20251125);
        var words = new[] { "cluster", "sharding", "actor", "log", "campaign", "help", "auth", "token=", "--json", "--depth", "show", "peek", "tail", "stats", "regions", "hierarchy", "status", "-1", "99999999999", "\t", "é", "\0" };
        await using var client = await node.ConnectAsync();
        for (var round = 0; round < 60; round++)
        {
            var payload = new MemoryStream();
            var lines = 1 + (int)(rng.NextDouble() * 4);
            for (var l = 0; l < lines; l++)
            {
                switch ((int)(rng.NextDouble() * 3))
                {
                    case 0:
                        // Random bytes without a newline, then one.
                        var bytes = new byte[(int)(rng.NextDouble() * 300)];
                        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)(rng.NextDouble() * 256);
                        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == '\n') bytes[i] = (byte)'n';
                        payload.Write(bytes);
                        break;
                    case 1:
                        var n = (int)(rng.NextDouble() * 6);
                        var text = new StringBuilder();
                        for (var i = 0; i < n; i++) text.Append(words[(int)(rng.NextDouble() * words.Length)]).Append(' ');
                        payload.Write(Encoding.UTF8.GetBytes(text.ToString()));
                        break;
                    default:
                        payload.Write(Encoding.UTF8.GetBytes(new string('z', 65_537 + (int)(rng.NextDouble() * 5000))));
                        break;
                }
                payload.WriteByte((byte)'\n');
            }
            await client.SendRawAsync(payload.ToArray());
            // One reply per line sent, each a well-formed ok or error.
            for (var l = 0; l < lines; l++) await client.ReadReplyAsync();
        }

        var same = await client.SendAsync("cluster show");
        var fresh = await node.SendAsync("cluster show");

        Assert.True(same.Ok, same.Error);
        Assert.True(fresh.Ok, fresh.Error);
        Assert.Equal(same.Body, fresh.Body);
    }

    [Fact]
    public void A_non_loopback_bind_without_a_token_file_refuses_to_start()
    {
        var options = new CommandHostOptions { Bind = "0.0.0.0", Port = 0 };

        var ex = Assert.Throws<InvalidOperationException>(() => CommandHost.Start(options, new CommandDispatcher([]), NullLogger.Instance));

        Assert.Contains("requires a token file", ex.Message);
    }

    [Fact]
    public async Task A_non_loopback_bind_with_a_token_file_starts_and_requires_the_token()
    {
        var file = Path.Combine(node.Folder, "other-token");
        await File.WriteAllTextAsync(file, "tok\n");
        await using var host = CommandHost.Start(new CommandHostOptions { Bind = "0.0.0.0", Port = 0, TokenFile = file }, new CommandDispatcher([]), NullLogger.Instance);

        Assert.Equal(IPAddress.Any, host.Endpoint.Address);
        await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        Assert.StartsWith("token required", (await client.SendAsync("help")).Error);
        Assert.True((await client.SendAsync("token=tok help")).Ok);

        // A rotated token file takes effect at the next check, without a restart.
        await File.WriteAllTextAsync(file, "tok2\n");
        Assert.Equal("wrong token", (await client.SendAsync("token=tok help")).Error);
        Assert.True((await client.SendAsync("token=tok2 help")).Ok);
    }
}
