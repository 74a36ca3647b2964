namespace NA64.Reco.Actors.Tls;

/// <summary>The cluster certificate cannot be used: the message names the file and what is wrong with it.</summary>
public sealed class ClusterTlsException(string message, Exception? inner = null) : Exception(message, inner);
