using System.Runtime.Serialization;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// A payload the node will not deserialize: a type outside the allow-list, a serializer that is switched off, or bytes
/// its serializer could not read. Already counted and logged by <see cref="WireRefusals"/> when thrown.
/// </summary>
public sealed class RefusedPayloadException(string message, Exception? inner = null) : SerializationException(message, inner);
