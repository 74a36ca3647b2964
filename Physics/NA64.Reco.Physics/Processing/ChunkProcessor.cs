using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Processing;

/// <summary>
/// Turns a work descriptor into a partial summary: reads its events from a spill file, or generates them,
/// then runs the <see cref="EventKernel"/> on each; a muon- or visible-programme sample's events are simulated through
/// its setup's selection instead (<see cref="MuonEventSimulation"/>, <see cref="VisibleEventSimulation"/>). The chunk summary holds events only; the spill's EOT (MOT) is
/// added once per spill by whoever merges the chunks. Not thread-safe: one instance per worker.
/// </summary>
public sealed class ChunkProcessor
{
    private readonly EventKernel _kernel;
    private readonly RawEvent _event;
    private readonly Dictionary<SampleDescriptor, EventGenerator> _generators = [];
    // The reader's block buffer and index, kept from chunk to chunk: per chunk only the file handle and header are new.
    private readonly SpillReadBuffers _readBuffers = new();
    // Built on the first muon or X chunk (the muons' energy-loss tables take about a second), the emitters once per mass.
    private MuonEventSimulation? _muons;
    private readonly Dictionary<double, ZPrimeEmitter> _emitters = [];
    private VisibleEventSimulation? _visible;
    private readonly VisibleKaonShortBackground?[] _kaonShort = new VisibleKaonShortBackground?[2];
    private readonly Dictionary<double, APrimeEmitter> _xEmitters = [];

    /// <summary>A processor for campaigns of <paramref name="setup"/>.</summary>
    public ChunkProcessor(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Setup = setup;
        _kernel = new EventKernel(setup.Conditions);
        _event = RawEvent.For(setup.Conditions);
    }

    /// <summary>A processor for the invisible setup of <paramref name="conditions"/>.</summary>
    public ChunkProcessor(DetectorConditions conditions) : this(Setup.Of(conditions))
    {
    }

    public Setup Setup { get; }

    public DetectorConditions Conditions => Setup.Conditions;

    /// <summary>
    /// Processes one chunk. Throws <see cref="RawFormatException"/> for corrupt input, naming file and offset; an
    /// <see cref="IOException"/> (<see cref="SpillFileChangedException"/> among them) when the file cannot be read now.
    /// </summary>
    public EventSummary Process(ChunkWork work, CancellationToken cancellation = default) => Process(work, null, cancellation);

    /// <summary>
    /// <see cref="Process(ChunkWork, CancellationToken)"/>, showing every event to <paramref name="observer"/> as it is
    /// processed (the summary does not depend on it).
    /// </summary>
    public EventSummary Process(ChunkWork work, IChunkEventObserver? observer, CancellationToken cancellation = default)
    {
        var summary = new EventSummary();
        switch (work)
        {
            case RawFileChunk raw:
                ProcessFile(raw, summary, observer, cancellation);
                break;
            case SimulatedChunk mc:
                ProcessSimulated(mc, summary, observer, cancellation);
                break;
            default:
                throw new ArgumentException($"unknown chunk kind {work.GetType().Name}", nameof(work));
        }
        return summary;
    }

    private void ProcessFile(RawFileChunk work, EventSummary summary, IChunkEventObserver? observer, CancellationToken cancellation)
    {
        using var reader = SpillFileReader.Open(work.Path, _readBuffers);
        SpillFileChangedException.ThrowIfChanged(reader, work.ExpectedSize, work.ExpectedHeaderDigest);
        reader.RequireLayout(_event.Layout, Conditions.Id);
        observer?.Begin(reader.Header.Sample.Name, reader.Header.Run, work);
        var end = Math.Min(reader.EventCount, work.FirstEvent + work.Count);
        if (work.FirstEvent < end) reader.SeekToEvent(work.FirstEvent);
        for (var n = work.FirstEvent; n < end; n++)
        {
            if ((n & 4095) == 0) cancellation.ThrowIfCancellationRequested();
            if (!reader.TryReadNext(_event))
                throw new RawFormatException(work.Path, 0, RawFormatError.CorruptIndex, $"the index lists {reader.EventCount} events but the blocks end before event {n}");
            var passed = _kernel.Process(_event, summary);
            observer?.Event(n, _event, _kernel.Last, passed);
        }
        observer?.End(reader.Header.Sample.Name, reader.Header.Run, work);
    }

    private void ProcessSimulated(SimulatedChunk work, EventSummary summary, IChunkEventObserver? observer, CancellationToken cancellation)
    {
        if (work.Sample.IsMuonProgramme)
        {
            SimulateMuons(work, summary, cancellation);
            return;
        }
        if (work.Sample.IsVisibleProgramme)
        {
            SimulateVisible(work, summary, cancellation);
            return;
        }
        if (!_generators.TryGetValue(work.Sample, out var generator))
        {
            generator = new EventGenerator(Conditions, work.Sample);
            _generators[work.Sample] = generator;
        }
        observer?.Begin(work.Sample.Name, work.Run, work);
        var end = work.FirstEvent + work.Count;
        for (var n = work.FirstEvent; n < end; n++)
        {
            if ((n & 4095) == 0) cancellation.ThrowIfCancellationRequested();
            generator.Generate(work.Spill, n, _event);
            var passed = _kernel.Process(_event, summary);
            observer?.Event(n, _event, _kernel.Last, passed);
        }
        observer?.End(work.Sample.Name, work.Run, work);
    }

    /// <summary>
    /// A muon sample's chunk: its events through the setup's selection, in blocks so that a cancellation is seen. It has
    /// no raw events, so an observer (the export) sees none of it.
    /// </summary>
    private void SimulateMuons(SimulatedChunk work, EventSummary summary, CancellationToken cancellation)
    {
        if (Setup.Programme != SetupProgramme.Muon)
            throw new ArgumentException($"sample '{work.Sample.Name}' is of the muon programme, and setup '{Setup.Name}' is of the {Setup.Programme.ToString().ToLowerInvariant()} one", nameof(work));
        var muons = _muons ??= new MuonEventSimulation(Setup, MuonCalorimeterPassage.Of(Setup.Conditions));
        ZPrimeEmitter? emitter = null;
        if (work.Sample.Kind == SampleKind.ZPrime)
        {
            var mass = work.Sample.MassAPrimeMeV;
            if (!_emitters.TryGetValue(mass, out emitter)) _emitters[mass] = emitter = muons.EmitterFor(mass);
        }
        InBlocks(work, cancellation, (first, count) => muons.Simulate(emitter, work.Spill, first, count, work.Sample.Seed, summary));
    }

    /// <summary>
    /// A visible sample's chunk: an X sample's forced emissions, or a K⁰_S sample's forced background chain, through the
    /// visible setup's selection, in blocks so that a cancellation is seen. It has no raw events, so an observer (the export) sees none of it.
    /// </summary>
    private void SimulateVisible(SimulatedChunk work, EventSummary summary, CancellationToken cancellation)
    {
        if (Setup.Programme != SetupProgramme.Visible)
            throw new ArgumentException($"sample '{work.Sample.Name}' is of the visible programme, and setup '{Setup.Name}' is of the {Setup.Programme.ToString().ToLowerInvariant()} one", nameof(work));
        if (work.Sample.IsVisibleBackground)
        {
            var channel = VisibleKaonShortBackground.ChannelOf(work.Sample.Kind);
            var background = _kaonShort[(int)channel] ??= new VisibleKaonShortBackground(Setup, channel);
            InBlocks(work, cancellation, (first, count) => background.Simulate(work.Spill, first, count, work.Sample.Seed, summary));
            return;
        }
        var visible = _visible ??= new VisibleEventSimulation(Setup);
        var mass = work.Sample.MassAPrimeMeV;
        if (!_xEmitters.TryGetValue(mass, out var emitter)) _xEmitters[mass] = emitter = visible.EmitterFor(mass);
        InBlocks(work, cancellation, (first, count) => visible.Simulate(emitter, work.Spill, first, count, work.Sample.Seed, summary));
    }

    /// <summary>The chunk's events in blocks of 4096, so that a cancellation is seen between them.</summary>
    private static void InBlocks(SimulatedChunk work, CancellationToken cancellation, Action<long, int> block)
    {
        const int Block = 4096;
        for (var first = work.FirstEvent; first < work.FirstEvent + work.Count; first += Block)
        {
            cancellation.ThrowIfCancellationRequested();
            block(first, (int)Math.Min(Block, work.FirstEvent + work.Count - first));
        }
    }
}
