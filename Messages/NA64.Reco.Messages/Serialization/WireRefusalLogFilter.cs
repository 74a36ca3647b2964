using Akka.Event;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Drops the log line Akka.Remote writes for each payload it could not deserialize when the reason is a refusal of
/// this node's (<see cref="RefusedPayloadException"/>) or a serializer id it does not have: <see cref="WireRefusals"/>
/// has counted it, and logged the sender's first. Everything else is kept: a journal that cannot be read is still reported by persistence.
/// </summary>
public sealed class WireRefusalLogFilter : LogFilterBase
{
    public static readonly WireRefusalLogFilter Instance = new();

    /// <summary>Decided on the event itself (its cause), never on the expanded text.</summary>
    public override LogFilterType FilterType => LogFilterType.Source;

    public override LogFilterDecision ShouldKeepMessage(LogEvent content, string? expandedMessage = null) =>
        content is Warning && content.LogSource?.Contains("endpointReader", StringComparison.Ordinal) == true && Refused(content.Cause)
            ? LogFilterDecision.Drop
            : LogFilterDecision.Keep;

    /// <summary>Refused by a serializer, or naming no serializer at all (<see cref="UnknownSerializerListener"/> counts those).</summary>
    private static bool Refused(Exception? cause)
    {
        if (cause is System.Runtime.Serialization.SerializationException s && UnknownSerializerListener.IsUndispatchable(s)) return true;
        for (var e = cause; e is not null; e = e.InnerException)
            if (e is RefusedPayloadException) return true;
        return false;
    }
}
