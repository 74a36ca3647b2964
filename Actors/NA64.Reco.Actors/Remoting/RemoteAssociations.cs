using Akka.Actor;
using Akka.Remote;

namespace NA64.Reco.Actors.Remoting;

/// <summary>
/// What this node's remoting saw of its peers since the actor system started (<c>na64 cmd remote …</c>): per remote
/// address the last association event, and the quarantines either way. Akka.Remote answers no query for its
/// associations; it publishes <see cref="RemotingLifecycleEvent"/>s on the event stream, which
/// <see cref="RemotingEventRecorder"/> writes here. Bounded: a peer that invents addresses cannot grow it.
/// </summary>
/// <remarks>
/// Per address the last event wins: Akka.Remote publishes a disassociation for an endpoint that failed and again when
/// it stops, so events are not pairs that could be counted.
/// </remarks>
public sealed class RemoteAssociations : IExtension
{
    public const int MaxAddresses = 1024;
    public const int MaxQuarantines = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, RemoteAssociation> _byAddress = new(StringComparer.Ordinal);
    private readonly Queue<RemoteQuarantine> _quarantines = new();
    private volatile bool _recording;

    public static RemoteAssociations Get(ActorSystem system) => system.WithExtension<RemoteAssociations, RemoteAssociationsId>();

    /// <summary>
    /// A recorder is subscribed (from before remoting started). False on an actor system whose loggers lack
    /// <see cref="RemotingEventRecorder"/>: nothing is recorded there.
    /// </summary>
    public bool Recording => _recording;

    internal void StartRecording() => _recording = true;

    /// <summary>Every address with an association event, ordinal order.</summary>
    public IReadOnlyList<RemoteAssociation> Associations
    {
        get
        {
            lock (_lock) return _byAddress.Values.OrderBy(a => a.Address, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The quarantines seen, oldest first (the last <see cref="MaxQuarantines"/>).</summary>
    public IReadOnlyList<RemoteQuarantine> Quarantines
    {
        get
        {
            lock (_lock) return _quarantines.ToArray();
        }
    }

    internal void Record(RemotingLifecycleEvent e, DateTime nowUtc)
    {
        switch (e)
        {
            case AssociatedEvent a:
                Associate(new RemoteAssociation(a.RemoteAddress.ToString(), "associated", a.IsInbound, nowUtc, null));
                break;
            case DisassociatedEvent d:
                Associate(new RemoteAssociation(d.RemoteAddress.ToString(), "disassociated", d.IsInbound, nowUtc, null));
                break;
            case AssociationErrorEvent f:
                Associate(new RemoteAssociation(f.RemoteAddress.ToString(), "failed", f.IsInbound, nowUtc, OneLine(f.Cause)));
                break;
            case QuarantinedEvent q:
                Quarantine(new RemoteQuarantine(nowUtc, q.Address.ToString(), q.Uid, ByPeer: false));
                break;
            case ThisActorSystemQuarantinedEvent t:
                Quarantine(new RemoteQuarantine(nowUtc, t.RemoteAddress.ToString(), null, ByPeer: true));
                break;
        }
    }

    private void Associate(RemoteAssociation association)
    {
        lock (_lock)
        {
            if (_byAddress.Count >= MaxAddresses && !_byAddress.ContainsKey(association.Address))
            {
                // Full: the address whose last event is the oldest makes room.
                var oldest = _byAddress.Values.MinBy(a => a.SinceUtc)!;
                _byAddress.Remove(oldest.Address);
            }
            _byAddress[association.Address] = association;
        }
    }

    private void Quarantine(RemoteQuarantine quarantine)
    {
        lock (_lock)
        {
            if (_quarantines.Count == MaxQuarantines) _quarantines.Dequeue();
            _quarantines.Enqueue(quarantine);
        }
    }

    private static string OneLine(Exception cause)
    {
        var text = (cause.InnerException?.Message ?? cause.Message).ReplaceLineEndings(" ");
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
