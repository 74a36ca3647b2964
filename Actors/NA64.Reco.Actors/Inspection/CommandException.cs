namespace NA64.Reco.Actors.Inspection;

/// <summary>A request that cannot be carried out; its message becomes the one-line <c>error</c> reply.</summary>
public sealed class CommandException(string message) : Exception(message);
