using System.Globalization;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Event;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Counts, in <see cref="WireRefusals"/>, the envelopes Akka.Remote dropped before any serializer saw them: those
/// naming a serializer id this node does not register, or a manifest type it does not have. It sees Akka's warning for
/// each (on the event stream, so whatever the loggers keep).
/// </summary>
internal sealed class UnknownSerializerListener : ReceiveActor
{
    /// <summary>The starts of the messages of <c>Serialization.Deserialize</c> for an id, or a manifest type, it does not know.</summary>
    private static readonly string[] s_undispatchable = ["Cannot find serializer with id [", "Cannot find manifest class ["];

    public UnknownSerializerListener(WireRefusals refusals) =>
        Receive<Warning>(w =>
        {
            if (w.Cause is not SerializationException e || !IsUndispatchable(e)) return;
            if (WireRefusals.RemoteAddressOfReader(w.LogSource ?? "") is not { } sender) return;
            refusals.Count(sender, SerializerId(e.Message), e.Message.StartsWith(s_undispatchable[0], StringComparison.Ordinal)
                ? "no serializer has this id"
                : "the manifest names a type this node does not have");
        });

    public static bool IsUndispatchable(SerializationException e) =>
        s_undispatchable.Any(p => e.Message.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Both messages name the id as "id [N]".</summary>
    private static int SerializerId(string message)
    {
        var start = message.IndexOf("id [", StringComparison.Ordinal);
        if (start < 0) return -1;
        start += 4;
        var end = message.IndexOf(']', start);
        return end > start && int.TryParse(message.AsSpan(start, end - start), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }
}
