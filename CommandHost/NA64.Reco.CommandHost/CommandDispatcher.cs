namespace NA64.Reco.CommandHost;

/// <summary>
/// Routes a request to its palette and command (the longest command name that the words start with) and turns every
/// failure into a one-line error: nothing a client sends can throw out of here. A palette's aliases
/// (<c>cluster-sharding</c>) route to its commands as if spelled out (<c>cluster sharding</c>).
/// </summary>
public sealed class CommandDispatcher
{
    private readonly Dictionary<string, ICommandPalette> _palettes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ICommandPalette Palette, string Prefix)> _aliases = new(StringComparer.Ordinal);

    public CommandDispatcher(IEnumerable<ICommandPalette> palettes)
    {
        foreach (var p in palettes)
        {
            _palettes.Add(p.Name, p);
            foreach (var (alias, prefix) in p.Aliases) _aliases.Add(alias, (p, prefix));
        }
    }

    public IReadOnlyCollection<ICommandPalette> Palettes => _palettes.Values;

    /// <summary>The command a request names ("campaign pause" of "campaign pause c1"), or null when it names none.</summary>
    public (CommandDefinition Command, string Name)? Find(CommandRequest request)
    {
        if (Resolve(request) is not (ICommandPalette palette, IReadOnlyList<string> words)) return null;
        var (command, _) = Match(palette, words);
        return command is null ? null : (command, palette.Name + " " + command.Name);
    }

    public async Task<CommandReply> ExecuteAsync(CommandRequest request, CancellationToken ct)
    {
        try
        {
            if (request.Palette == "help") return Help(request.Words.Count > 0 ? request.Words[0].ToLowerInvariant() : null);
            if (Resolve(request) is not (ICommandPalette palette, IReadOnlyList<string> words))
                return CommandReply.Fail($"unknown palette '{CommandArguments.Shorten(request.Palette)}' (try: help)");
            var (command, consumed) = Match(palette, words);
            if (command is null)
            {
                return request.Words.Count == 0
                    ? CommandReply.Fail($"missing command for palette {request.Palette} (try: help {request.Palette})")
                    : CommandReply.Fail($"unknown command '{request.Palette} {CommandArguments.Shorten(request.Words[0])}' (try: help {request.Palette})");
            }
            return await command.Run(new CommandArguments(words.Skip(consumed), command.Flags), ct).ConfigureAwait(false);
        }
        catch (CommandException ex)
        {
            return CommandReply.Fail(ex.Message);
        }
        catch (Akka.Actor.AskTimeoutException)
        {
            return CommandReply.Fail("no answer in time (is the actor alive? see: cluster show)");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return CommandReply.Fail("timed out waiting for the answer");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The node must survive any request: report, never rethrow.
            return CommandReply.Fail($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>The palette a request names and the words of its command, an alias's group word put in front; null for none.</summary>
    private (ICommandPalette Palette, IReadOnlyList<string> Words)? Resolve(CommandRequest request)
    {
        if (_palettes.TryGetValue(request.Palette, out var palette)) return (palette, request.Words);
        if (_aliases.TryGetValue(request.Palette, out var alias)) return (alias.Palette, [alias.Prefix, .. request.Words]);
        return null;
    }

    private static (CommandDefinition? Command, int Consumed) Match(ICommandPalette palette, IReadOnlyList<string> words)
    {
        CommandDefinition? best = null;
        foreach (var c in palette.Commands)
        {
            if (c.NameWords.Length > words.Count || (best is not null && c.NameWords.Length <= best.NameWords.Length)) continue;
            var all = true;
            for (var i = 0; i < c.NameWords.Length && all; i++) all = string.Equals(c.NameWords[i], words[i], StringComparison.OrdinalIgnoreCase);
            if (all) best = c;
        }
        return (best, best?.NameWords.Length ?? 0);
    }

    private CommandReply Help(string? only)
    {
        if (only is not null && !_palettes.ContainsKey(only) && !_aliases.ContainsKey(only))
            return CommandReply.Fail($"unknown palette '{CommandArguments.Shorten(only)}' (try: help)");
        var table = new TextTable(null, "command", "arguments", "access", "description");
        if (only is null) table.Add("help", "[PALETTE]", "read", "list palettes and commands");
        foreach (var p in _palettes.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (only is null || only == p.Name)
                foreach (var c in p.Commands) table.Add(p.Name + " " + c.Name, c.Synopsis, Access(c), c.Description);
            foreach (var (alias, prefix) in p.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (only is not null && only != alias) continue;
                foreach (var c in p.Commands.Where(c => c.NameWords.Length > 1 && c.NameWords[0] == prefix))
                    table.Add(alias + " " + string.Join(' ', c.NameWords.Skip(1)), c.Synopsis, Access(c), $"= {p.Name} {c.Name}");
            }
        }
        return CommandReply.Ok([table], "every command takes --json (one line of JSON instead of a table); access token: changes state, needs the node's token");
    }

    private static string Access(CommandDefinition c) => c.Mutating ? "token" : "read";
}
