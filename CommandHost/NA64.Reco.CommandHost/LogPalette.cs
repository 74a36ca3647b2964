using System.Threading.Channels;

namespace NA64.Reco.CommandHost;

/// <summary>
/// <c>log peek [N]</c> and <c>log tail [N] [--follow]</c>: the last lines logged on this node (from
/// <see cref="InMemoryLog"/>); with <c>--follow</c>, then each new line until the client sends a line or leaves.
/// </summary>
public sealed class LogPalette : ICommandPalette
{
    /// <summary>Lines a slow follower may fall behind before it loses the oldest.</summary>
    public const int FollowBuffer = 1000;

    private readonly InMemoryLog _log;

    public LogPalette(InMemoryLog log)
    {
        _log = log;
        Commands =
        [
            new("peek", "[N]", "the last N log lines of this node (default 50)", (a, _) => Task.FromResult(Last(a, 50))),
            new("tail", "[N] [--follow]", "the last N log lines (default 20); --follow: then each new line, until a line is sent", (a, _) => Task.FromResult(Tail(a)))
            {
                Flags = ["follow"],
            },
        ];
    }

    public string Name => "log";
    public string Description => "log lines of this node";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private CommandReply Last(CommandArguments args, int fallback)
    {
        args.OnlyOptions();
        var n = args.PositionalInt(0, "N", fallback, 1, _log.Capacity);
        var lines = _log.Last(n);
        return lines.Count == 0 ? CommandReply.Message("(no log lines yet)") : CommandReply.Message([.. lines]);
    }

    private CommandReply Tail(CommandArguments args)
    {
        if (!args.Flag("follow")) return Last(args, 20);
        args.OnlyOptions();
        var n = args.PositionalInt(0, "N", 20, 1, _log.Capacity);
        return CommandReply.Streaming((write, json, ct) => FollowAsync(n, write, json, ct));
    }

    private async Task FollowAsync(int n, Func<string, Task> write, bool json, CancellationToken ct)
    {
        // Bounded: a client that reads slowly loses the oldest lines, never the node's memory.
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(FollowBuffer) { FullMode = BoundedChannelFullMode.DropOldest });
        // The host cancels ct when the client sends a line, disconnects, or the node stops: the subscription ends with it.
        using var following = _log.Follow(channel.Writer, n);
        await foreach (var line in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            await write(json ? System.Text.Json.JsonSerializer.Serialize(new { line }) : line).ConfigureAwait(false);
    }
}
