using NA64.Reco.Actors.Reconstruction;

namespace NA64.Reco.Actors.Tests;

/// <summary>The node's reconstruction threads: bounded, in arrival order, cancellable before they start, errors kept.</summary>
public sealed class ChunkThreadsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Runs_at_most_its_thread_count_at_once_and_queues_the_rest()
    {
        using var threads = new ChunkThreads(2);
        using var gate = new ManualResetEventSlim(false);
        var started = new[] { NewSignal(), NewSignal() };
        var running = 0;
        var maxRunning = 0;
        var names = new string?[5];
        var tasks = Enumerable.Range(0, 5).Select(i => threads.Run(_ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            names[i] = Thread.CurrentThread.Name;
            if (i < 2) started[i].TrySetResult();
            gate.Wait(Wait);
            Interlocked.Decrement(ref running);
            return i * 10;
        }, CancellationToken.None)).ToArray();

        await Task.WhenAll(started.Select(s => s.Task)).WaitAsync(Wait);
        // Both threads are inside the first two items: the other three wait in the queue.
        Assert.Equal(3, threads.Queued);
        gate.Set();

        var results = await Task.WhenAll(tasks).WaitAsync(Wait);
        Assert.Equal(new[] { 0, 10, 20, 30, 40 }, results);
        Assert.Equal(2, maxRunning);
        Assert.All(names, n => Assert.StartsWith("na64-chunk-", n));
    }

    [Fact]
    public async Task One_thread_runs_the_work_in_arrival_order()
    {
        using var threads = new ChunkThreads(1);
        var order = new List<int>();
        var tasks = Enumerable.Range(0, 20).Select(i => threads.Run(_ =>
        {
            lock (order) order.Add(i);
            return i;
        }, CancellationToken.None)).ToArray();

        await Task.WhenAll(tasks).WaitAsync(Wait);
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task Work_cancelled_before_a_thread_takes_it_never_runs()
    {
        using var threads = new ChunkThreads(1);
        using var gate = new ManualResetEventSlim(false);
        var first = NewSignal();
        var blocker = threads.Run(_ =>
        {
            first.TrySetResult();
            gate.Wait(Wait);
            return 1;
        }, CancellationToken.None);
        await first.Task.WaitAsync(Wait);
        using var cts = new CancellationTokenSource();
        var ran = false;
        var queued = threads.Run(_ => ran = true, cts.Token);

        cts.Cancel();
        gate.Set();

        Assert.Equal(1, await blocker.WaitAsync(Wait));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Wait));
        Assert.True(queued.IsCanceled);
        Assert.False(ran);
    }

    [Fact]
    public async Task An_exception_of_the_work_faults_its_task_and_the_thread_goes_on()
    {
        using var threads = new ChunkThreads(1);

        var failed = threads.Run<int>(_ => throw new InvalidOperationException("decoder bug"), CancellationToken.None);
        var next = threads.Run(_ => 7, CancellationToken.None);

        Assert.Equal("decoder bug", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed.WaitAsync(Wait))).Message);
        Assert.Equal(7, await next.WaitAsync(Wait));
    }

    [Fact]
    public async Task Work_given_after_dispose_is_cancelled_not_lost_in_a_queue()
    {
        var threads = new ChunkThreads(1);
        threads.Dispose();

        var late = threads.Run(_ => 1, CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => late.WaitAsync(Wait));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
