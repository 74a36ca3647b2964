namespace NA64.Reco.CommandHost;

/// <summary>The connection to a command host failed or answered outside the protocol.</summary>
public sealed class CommandClientException(string message) : Exception(message);
