namespace NA64.Reco.CommandHost;

/// <summary>One connection to the command host: whether it authenticated, and a signal that closes it for a newer one.</summary>
internal sealed class CommandSession : IDisposable
{
    private readonly CancellationTokenSource _evicted = new();

    public bool Authenticated { get; set; }

    /// <summary>The session's place among the unauthenticated ones (null once authenticated or evicted).</summary>
    public LinkedListNode<CommandSession>? Node { get; set; }

    /// <summary>Cancelled when a newer connection took this unauthenticated session's place.</summary>
    public CancellationToken Evicted => _evicted.Token;

    public bool IsEvicted => _evicted.IsCancellationRequested;

    public void Evict() => _evicted.Cancel();

    public void Dispose() => _evicted.Dispose();
}
