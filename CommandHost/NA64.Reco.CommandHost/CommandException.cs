namespace NA64.Reco.CommandHost;

/// <summary>A request that cannot be carried out; its message becomes the one-line <c>error</c> reply.</summary>
public sealed class CommandException(string message) : Exception(message);
