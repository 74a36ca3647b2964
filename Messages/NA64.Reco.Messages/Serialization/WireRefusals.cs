using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Akka.Event;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Payloads this node refused to deserialize, from the network or from its journal: their number, per sender and in
/// all, and one warning per sender (the first refusal, naming the serializer and the type): a peer sending thousands
/// of hostile payloads costs a counter each, not a log line each.
/// </summary>
/// <remarks>
/// The sender is the remote address of the association the payload came in on: deserialization runs inside the
/// endpoint reader actor of that association, whose name carries the address. Anything else (a journal read, a local
/// call) is counted under the path of the actor that deserialized, or <c>local</c>.
/// </remarks>
public sealed class WireRefusals : IExtension
{
    /// <summary>Senders counted apart; beyond them (a peer cycling through source ports), one line for the rest.</summary>
    public const int MaxSenders = 1024;

    public const string OtherSenders = "(other senders)";

    private readonly ConcurrentDictionary<string, long> _bySender = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log;
    private long _total;

    public WireRefusals(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(WireRefusals));
        // Envelopes naming a serializer id this node does not have never reach a serializer: Akka.Remote drops them
        // with a warning, which is where they are counted.
        var listener = system.SystemActorOf(Props.Create(() => new UnknownSerializerListener(this)), "na64-wire-refusals");
        system.EventStream.Subscribe(listener, typeof(Warning));
    }

    public static WireRefusals Get(ActorSystem system) => system.WithExtension<WireRefusals, WireRefusalsId>();

    /// <summary>Payloads refused since the actor system started.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Refusals per sender (a remote address such as <c>akka.tcp://na64@10.0.0.7:4053</c>), ordinal order.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> BySender =>
        _bySender.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();

    /// <summary>Counts a refusal, logs it if it is the sender's first, and returns the exception to throw.</summary>
    /// <param name="serializerId">The serializer id of the envelope.</param>
    /// <param name="what">What was refused, for the log and the exception: e.g. <c>type 'System.IO.FileSystemWatcher, ...'</c>.</param>
    public RefusedPayloadException Refuse(int serializerId, string what, Exception? cause = null) =>
        new(Count(CurrentSender(), serializerId, what), cause);

    /// <summary>Counts a refusal from <paramref name="sender"/>, logs it if it is the sender's first, and returns its description.</summary>
    internal string Count(string sender, int serializerId, string what)
    {
        Interlocked.Increment(ref _total);
        if (_bySender.Count >= MaxSenders && !_bySender.ContainsKey(sender)) sender = OtherSenders;
        var count = _bySender.AddOrUpdate(sender, 1, (_, n) => n + 1);
        var message = $"refused a payload of serializer {serializerId} from {sender}: {Printable(what)}";
        if (count == 1)
        {
            _log.Warning("{0} (further refusals from this sender are only counted: na64 cmd cluster wire)", message);
        }
        return message;
    }

    /// <summary>What a peer wrote (a type name, a manifest) goes into the log: one line, bounded.</summary>
    private static string Printable(string text)
    {
        const int Max = 400;
        var chars = text.Length <= Max ? text.ToCharArray() : [.. text.AsSpan(0, Max), '…'];
        for (var i = 0; i < chars.Length; i++)
            if (char.IsControl(chars[i])) chars[i] = '?';
        return new string(chars);
    }

    private static string CurrentSender()
    {
        var self = ActorCell.GetCurrentSelfOrNoSender();
        if (self is null || self.IsNobody()) return "local";
        return RemoteAddressOfReader(self.Path.Name) ?? self.Path.ToStringWithoutAddress();
    }

    /// <summary>
    /// The remote address in the name of an association's reader actor (the last element of <paramref name="path"/>):
    /// Akka.Remote names it <c>endpointReader-URL-ENCODED-ADDRESS-N</c>. Null for any other actor.
    /// </summary>
    internal static string? RemoteAddressOfReader(string path)
    {
        const string Prefix = "endpointReader-";
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var dash = name.LastIndexOf('-');
        return dash > Prefix.Length ? WebUtility.UrlDecode(name[Prefix.Length..dash]) : null;
    }
}
