namespace NA64.Reco.CommandHost;

/// <summary>A group of commands under one first word (<c>cluster</c>, <c>actor</c>, <c>log</c>, <c>remote</c>, <c>campaign</c>).</summary>
public interface ICommandPalette
{
    string Name { get; }
    string Description { get; }
    IReadOnlyList<CommandDefinition> Commands { get; }

    /// <summary>
    /// Other first words that name a group of this palette's commands: <c>cluster-sharding regions</c> is
    /// <c>cluster sharding regions</c> (key: the alias, value: the first word of those commands' names).
    /// </summary>
    IReadOnlyDictionary<string, string> Aliases => new Dictionary<string, string>();
}
