using BenchmarkDotNet.Attributes;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Bench.Micro;

/// <summary>
/// The per-event kernel as BenchmarkDotNet measures it: each benchmark runs a chunk of <see cref="Events"/> events of
/// the bench's beam sample (<see cref="KernelBench.Beam"/>), so the reported time and allocation are per event. The
/// merge and the codec of a summary are per chunk (what a spill actor and the wire pay once per chunk).
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    public const int Events = 20_000;

    private readonly DetectorConditions _conditions = DetectorConditions.Default;
    private EventGenerator _generator = null!;
    private RawEvent _event = null!;
    private ChunkProcessor _processor = null!;
    private RawFileChunk _fileChunk = null!;
    private EventSummary _summary = null!;
    private EventSummary _total = null!;
    private byte[] _encoded = [];
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _generator = new EventGenerator(_conditions, KernelBench.Beam);
        _event = RawEvent.For(_conditions);
        _processor = new ChunkProcessor(_conditions);
        _folder = Directory.CreateTempSubdirectory("na64-micro-").FullName;
        var file = Path.Combine(_folder, "micro.na64raw");
        using (var writer = SpillFileWriter.Create(file, _generator.CreateHeader(1, 0, Events), _conditions))
            for (long n = 0; n < Events; n++)
            {
                _generator.Generate(0, n, _event);
                writer.Write(_event);
            }
        _fileChunk = new RawFileChunk(file, 0, 0, 0, Events);
        _summary = _processor.Process(KernelBench.McChunk(0, 0, Events));
        _total = new EventSummary();
        _encoded = SummaryCodec.Encode(_summary);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(OperationsPerInvoke = Events, Description = "generate")]
    public void Generate()
    {
        for (long n = 0; n < Events; n++) _generator.Generate(0, n, _event);
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "generate + reconstruct + select")]
    public EventSummary GenerateReconstructSelect() => _processor.Process(KernelBench.McChunk(0, 0, Events));

    [Benchmark(OperationsPerInvoke = Events, Description = "decode + reconstruct + select")]
    public EventSummary DecodeReconstructSelect() => _processor.Process(_fileChunk);

    [Benchmark(Description = "merge a chunk summary")]
    public void Merge() => _total.Merge(_summary);

    [Benchmark(Description = "encode a chunk summary (wire, journal)")]
    public byte[] Encode() => SummaryCodec.Encode(_summary);

    [Benchmark(Description = "decode a chunk summary (wire)")]
    public EventSummary Decode() => SummaryCodec.Decode(_encoded);

    [Benchmark(Description = "add an encoded chunk summary into a total (coordinator)")]
    public void AddEncoded() => SummaryCodec.AddTo(_total, _encoded);
}
