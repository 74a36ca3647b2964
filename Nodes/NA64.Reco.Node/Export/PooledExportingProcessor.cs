using System.Collections.Concurrent;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Node.Export;

/// <summary>The pipeline's chunk processor when <c>--export arrow</c> is on: borrows an <see cref="ExportingChunkProcessor"/> per call (they are not thread-safe).</summary>
internal sealed class PooledExportingProcessor(DetectorConditions conditions, ArrowExportOptions options) : IChunkProcessor
{
    private readonly ConcurrentBag<ExportingChunkProcessor> _idle = [];

    public SpillSummary Process(ChunkWork work, CancellationToken ct)
    {
        if (!_idle.TryTake(out var processor)) processor = new ExportingChunkProcessor(conditions, options);
        try
        {
            return processor.Process(work, ct);
        }
        finally
        {
            _idle.Add(processor);
        }
    }
}
