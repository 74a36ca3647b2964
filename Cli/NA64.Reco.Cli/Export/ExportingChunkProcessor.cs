using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Reconstruction;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Cli.Export;

/// <summary>
/// The pipeline's <see cref="ChunkProcessor"/> (same events, same kernel, hence the same summary byte for byte) that
/// also writes the chunk's selected events as an Arrow file on the node that processes it: event data never travel
/// through the cluster, and the summaries, which alone make the tables, are unchanged. A muon-programme chunk has no
/// raw events, hence no file. Not thread-safe.
/// </summary>
public sealed class ExportingChunkProcessor(Setup setup, EventExportOptions options) : IChunkEventObserver
{
    /// <summary>The pipeline's chunk processor with <paramref name="options"/>; null options: the one without export.</summary>
    public static IChunkProcessor Pooled(EventExportOptions? options) => options is null
        ? PhysicsBindings.Default()
        : new PooledProcessor<ExportingChunkProcessor>(c => new ExportingChunkProcessor(c, options), (p, work, ct) => p.Process(work, ct));

    private readonly ChunkProcessor _processor = new(setup);
    private EventColumns? _columns;

    /// <summary>Processes one chunk and writes its export file (also when no event is selected, so that every chunk of raw events has its file).</summary>
    public EventSummary Process(ChunkWork work, CancellationToken cancellation = default) => _processor.Process(work, this, cancellation);

    void IChunkEventObserver.Begin(string sampleName, int run, ChunkWork work) => _columns = new EventColumns(sampleName, run, work.Spill);

    void IChunkEventObserver.Event(long eventNumber, RawEvent raw, RecoEvent reco, Cut passed)
    {
        var selected = options.Prescale > 0 ? eventNumber % options.Prescale == 0 : passed >= Cut.Trigger;
        if (selected) _columns!.Add(raw, reco, passed);
    }

    void IChunkEventObserver.End(string sampleName, int run, ChunkWork work) =>
        _columns!.WriteFile(options.ChunkFileFor(sampleName, run, work.Spill, work.Chunk));
}
