using System.Collections.Concurrent;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// The node's reconstruction threads: a fixed set of dedicated threads (one per core by default) that run chunks in
/// the order they arrive, as JANA2's and Gaudi's worker pools run events, so that the actors' messages never wait.
/// </summary>
/// <remarks>
/// Chunks used to run on the .NET thread pool, which also runs Akka's dispatcher. On a node of one core the pool keeps
/// about one thread per core, so a chunk's result, the next chunk's dispatch and the shard messages queued behind the
/// 15–80 ms chunks already there: in the two-node bench a chunk's successor arrived 48 ms (mean) after it ended, and
/// half of the chunks in flight were in messages, not on a core (docs/performance-log.md). Here the chunks
/// wait in their own queue; the dispatcher's threads stay free and the OS scheduler runs them as soon as they wake.
/// </remarks>
public sealed class ChunkThreads : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    /// <param name="count">Threads: the chunks that run at once on this node; the others wait in the queue.</param>
    public ChunkThreads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Loop) { IsBackground = true, Name = $"na64-chunk-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Chunks waiting for a thread.</summary>
    public int Queued => _queue.Count;

    /// <summary>
    /// Runs <paramref name="work"/> on one of the threads after the work queued before it. Cancelled before it
    /// starts, it does not run; once started it sees <paramref name="ct"/> itself.
    /// </summary>
    public Task<T> Run<T>(Func<CancellationToken, T> work, CancellationToken ct)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action item = () =>
        {
            if (ct.IsCancellationRequested)
            {
                done.TrySetCanceled(ct);
                return;
            }
            try
            {
                done.TrySetResult(work(ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                done.TrySetCanceled(ct);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        };
        try
        {
            _queue.Add(item, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Disposed: the node is stopping and nobody waits for the result.
            done.TrySetCanceled(CancellationToken.None);
        }
        return done.Task;
    }

    private void Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable()) item();
    }

    /// <summary>Lets the queued work finish and stops the threads; waits at most 2 s (background threads: a chunk held past that does not keep the process alive).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        foreach (var t in _threads)
        {
            var left = until - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !t.Join(left)) break;
        }
    }
}
