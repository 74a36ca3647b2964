namespace NA64.Reco.CommandHost;

/// <summary>A group of commands under one first word (<c>cluster</c>, <c>actor</c>, <c>log</c>, <c>campaign</c>).</summary>
public interface ICommandPalette
{
    string Name { get; }
    string Description { get; }
    IReadOnlyList<CommandDefinition> Commands { get; }
}
