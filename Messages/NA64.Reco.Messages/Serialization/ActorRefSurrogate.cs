namespace NA64.Reco.Messages.Serialization;

/// <summary>An actor reference on the wire: its serialized path, resolved again by the receiving node.</summary>
public sealed record ActorRefSurrogate(string Path);
