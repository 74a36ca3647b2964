namespace NA64.Reco.CommandHost;

/// <summary>
/// The command host's connections in two pools: authenticated sessions (at most <c>maxAuthenticated</c>; one more is
/// refused when it authenticates) and unauthenticated ones (at most <c>maxAnonymous</c>; a new connection closes the
/// oldest). So connections that never authenticate cannot keep a client holding the token out.
/// </summary>
internal sealed class ConnectionSlots(int maxAuthenticated, int maxAnonymous)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<CommandSession> _anonymous = new();
    private int _authenticated;

    /// <summary>A new, unauthenticated session; the oldest unauthenticated one is evicted when they are at the limit.</summary>
    public CommandSession Open()
    {
        var session = new CommandSession();
        lock (_gate)
        {
            while (_anonymous.Count >= Math.Max(1, maxAnonymous))
            {
                var oldest = _anonymous.First!.Value;
                _anonymous.RemoveFirst();
                oldest.Node = null;
                oldest.Evict();
            }
            session.Node = _anonymous.AddLast(session);
        }
        return session;
    }

    /// <summary>Moves the session to the authenticated pool; false when that pool is full or the session was evicted.</summary>
    public bool Authenticate(CommandSession session)
    {
        lock (_gate)
        {
            if (session.Authenticated) return true;
            if (session.IsEvicted || _authenticated >= maxAuthenticated) return false;
            if (session.Node is not null) _anonymous.Remove(session.Node);
            session.Node = null;
            session.Authenticated = true;
            _authenticated++;
            return true;
        }
    }

    public void Close(CommandSession session)
    {
        lock (_gate)
        {
            if (session.Authenticated) _authenticated--;
            else if (session.Node is not null) _anonymous.Remove(session.Node);
            session.Node = null;
        }
        session.Dispose();
    }

    /// <summary>Sessions open now: authenticated, unauthenticated.</summary>
    public (int Authenticated, int Anonymous) Counts()
    {
        lock (_gate) return (_authenticated, _anonymous.Count);
    }
}
