namespace NA64.Reco.CommandHost;

/// <summary><c>log peek [N]</c>: the last lines logged on this node (from <see cref="InMemoryLog"/>).</summary>
public sealed class LogPalette : ICommandPalette
{
    private readonly InMemoryLog _log;

    public LogPalette(InMemoryLog log)
    {
        _log = log;
        Commands = [new("peek", "[N]", "the last N log lines of this node (default 50)", (a, _) => Task.FromResult(Peek(a)))];
    }

    public string Name => "log";
    public string Description => "recent log lines of this node";
    public IReadOnlyList<CommandDefinition> Commands { get; }

    private CommandReply Peek(CommandArguments args)
    {
        args.OnlyOptions();
        var n = args.PositionalInt(0, "N", 50, 1, _log.Capacity);
        var lines = _log.Last(n);
        return lines.Count == 0 ? CommandReply.Message("(no log lines yet)") : CommandReply.Message([.. lines]);
    }
}
