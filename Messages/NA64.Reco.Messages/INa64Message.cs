namespace NA64.Reco.Messages;

/// <summary>
/// Marker of every message the project sends or persists: the serializer's type filter (a later issue)
/// admits only implementations of it.
/// </summary>
public interface INa64Message;
