namespace NA64.Reco.Messages;

/// <summary>
/// Marker of every message the project sends or persists: the wire serializer's type filter
/// admits only implementations of it.
/// </summary>
public interface INa64Message;
