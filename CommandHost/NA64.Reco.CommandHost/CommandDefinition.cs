namespace NA64.Reco.CommandHost;

/// <summary>One command of a palette: its name (one or more words), argument synopsis, description and handler.</summary>
public sealed record CommandDefinition(string Name, string Synopsis, string Description, Func<CommandArguments, CancellationToken, Task<CommandReply>> Run)
{
    public string[] NameWords { get; } = Name.Split(' ');

    /// <summary>Options that take no value (<c>--follow</c>).</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The command changes state (a campaign, the membership): it runs only on a session holding the token.</summary>
    public bool Mutating { get; init; }
}
