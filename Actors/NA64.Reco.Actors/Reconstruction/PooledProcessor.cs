using System.Collections.Concurrent;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Reconstruction;

/// <summary>
/// The pipeline's chunk processor: the physics processors keep scratch state (one event, generators) and are not
/// thread-safe, while chunks of several spills run at once, so each call borrows an instance made for the campaign's
/// setup; the pool of a setup never exceeds the chunks in flight.
/// </summary>
public sealed class PooledProcessor<T>(Func<Setup, T> create, Func<T, ChunkWork, CancellationToken, EventSummary> process) : IChunkProcessor
    where T : class
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<T>> _idle = new(StringComparer.Ordinal);

    public EventSummary Process(ChunkWork work, Setup setup, CancellationToken ct)
    {
        var idle = _idle.GetOrAdd(setup.Hash, _ => []);
        if (!idle.TryTake(out var processor)) processor = create(setup);
        try
        {
            return process(processor, work, ct);
        }
        finally
        {
            idle.Add(processor);
        }
    }
}
