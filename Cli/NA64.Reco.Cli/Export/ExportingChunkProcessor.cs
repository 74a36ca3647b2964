using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Cli.Export;

/// <summary>
/// Does what <see cref="ChunkProcessor"/> does (same events, same kernel, hence the same summary byte for byte) and
/// also writes the chunk's selected events as an Arrow file on the node that processes it: event data never travel
/// through the cluster, and the summaries, which alone make the tables, are unchanged. Not thread-safe.
/// </summary>
public sealed class ExportingChunkProcessor(DetectorConditions conditions, EventExportOptions options)
{
    /// <summary>The pipeline's chunk processor with <paramref name="options"/>; null options: the one without export.</summary>
    public static IChunkProcessor Pooled(EventExportOptions? options) => options is null
        ? PhysicsBindings.Default()
        : new PooledProcessor<ExportingChunkProcessor>(c => new ExportingChunkProcessor(c, options), (p, work, ct) => p.Process(work, ct));

    private readonly EventKernel _kernel = new(conditions);
    private readonly RawEvent _event = RawEvent.For(conditions);
    private readonly Dictionary<SampleDescriptor, EventGenerator> _generators = [];

    /// <summary>Processes one chunk and writes its export file (also when no event is selected, so that every chunk has its file).</summary>
    public EventSummary Process(ChunkWork work, CancellationToken cancellation = default)
    {
        var summary = new EventSummary();
        switch (work)
        {
            case RawFileChunk raw:
            {
                using var reader = SpillFileReader.Open(raw.Path);
                reader.RequireLayout(_event.Layout, conditions.Id);
                var columns = new EventColumns(reader.Header.Sample.Name, reader.Header.Run, raw.Spill);
                var end = Math.Min(reader.EventCount, raw.FirstEvent + raw.Count);
                if (raw.FirstEvent < end) reader.SeekToEvent(raw.FirstEvent);
                for (var n = raw.FirstEvent; n < end; n++)
                {
                    if ((n & 4095) == 0) cancellation.ThrowIfCancellationRequested();
                    if (!reader.TryReadNext(_event))
                        throw new RawFormatException(raw.Path, 0, RawFormatError.CorruptIndex, $"the index lists {reader.EventCount} events but the blocks end before event {n}");
                    Step(n, summary, columns);
                }
                columns.WriteFile(options.ChunkFileFor(reader.Header.Sample.Name, reader.Header.Run, raw.Spill, raw.Chunk));
                break;
            }
            case SimulatedChunk mc:
            {
                if (!_generators.TryGetValue(mc.Sample, out var generator))
                {
                    generator = new EventGenerator(conditions, mc.Sample);
                    _generators[mc.Sample] = generator;
                }
                var columns = new EventColumns(mc.Sample.Name, mc.Run, mc.Spill);
                var end = mc.FirstEvent + mc.Count;
                for (var n = mc.FirstEvent; n < end; n++)
                {
                    if ((n & 4095) == 0) cancellation.ThrowIfCancellationRequested();
                    generator.Generate(mc.Spill, n, _event);
                    Step(n, summary, columns);
                }
                columns.WriteFile(options.ChunkFileFor(mc.Sample.Name, mc.Run, mc.Spill, mc.Chunk));
                break;
            }
            default:
                throw new ArgumentException($"unknown chunk kind {work.GetType().Name}", nameof(work));
        }
        return summary;
    }

    private void Step(long n, EventSummary summary, EventColumns columns)
    {
        var passed = _kernel.Process(_event, summary);
        var selected = options.Prescale > 0 ? n % options.Prescale == 0 : passed >= Cut.Trigger;
        if (selected) columns.Add(_event, _kernel.Last, passed);
    }
}
