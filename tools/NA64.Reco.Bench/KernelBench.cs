using System.Diagnostics;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Bench;

/// <summary>
/// The bare kernel, without actors: generation, decoding, decode + reconstruct + select (+ accumulate) on one
/// core and on all cores, and generate + reconstruct + select on one core and on all cores (and on one core for a
/// forced K⁻ decay sample), with allocations per event; and the muon programme's event simulation on one core.
/// Each figure is the best of several repetitions after a warm-up, so that JIT tiering is excluded.
/// </summary>
public static class KernelBench
{
    /// <summary>The beam sample the kernel and the pipeline measurements share.</summary>
    public static readonly SampleDescriptor Beam = new(SampleKind.Beam, 0, 0, 42);

    /// <summary>A biased background sample: K⁻ whose decay to an electron is forced (docs/physics.md §4a).</summary>
    public static readonly SampleDescriptor ForcedKaon = new(SampleKind.Kaon, 0, 0, 42) { Bias = 1e12 };

    /// <summary>The muon programme's setup its kernel figures run (on its own conditions, not the bench's).</summary>
    public const string MuonSetup = SetupCatalog.Na64Mu2022;

    /// <summary>The visible programme's setup its kernel figure runs.</summary>
    public const string VisibleSetup = SetupCatalog.Visible2018;

    /// <summary>
    /// Events <paramref name="first"/> … of the MC kernel measurements (spill 1 of <see cref="Beam"/>), as chunk
    /// <paramref name="chunk"/>: every MC kernel figure, here and around the pipeline parts, runs these same events.
    /// </summary>
    public static SimulatedChunk McChunk(int chunk, long first, int count) => new(Beam, 1, 0, chunk, first, count);

    public static void Run(DetectorConditions c, int events, int repeat, BenchReport report)
    {
        var dir = Directory.CreateTempSubdirectory("na64-bench-");
        try
        {
            var file = Path.Combine(dir.FullName, "bench.na64raw");
            var generator = new EventGenerator(c, Beam);
            var ev = RawEvent.For(c);

            Measure(report, BenchKeys.Generate, events, repeat, () =>
            {
                for (long n = 0; n < events; n++) generator.Generate(0, n, ev);
            });

            // One spill file of the same events to read back.
            using (var writer = SpillFileWriter.Create(file, generator.CreateHeader(1, 0, events), c))
                for (long n = 0; n < events; n++)
                {
                    generator.Generate(0, n, ev);
                    writer.Write(ev);
                }
            report.Figures[BenchKeys.FileBytesPerEvent] = (double)new FileInfo(file).Length / events;

            // Reading as ChunkProcessor does: block buffer and index kept from one opening to the next.
            var readBuffers = new SpillReadBuffers();
            Measure(report, BenchKeys.Decode, events, repeat, () =>
            {
                using var reader = SpillFileReader.Open(file, readBuffers);
                while (reader.TryReadNext(ev)) { }
            });

            var processor = new ChunkProcessor(c);
            var chunk = new RawFileChunk(file, 0, 0, 0, events);
            Measure(report, BenchKeys.DecodeReco1, events, repeat, () => processor.Process(chunk));

            var mcChunk = McChunk(0, 0, events);
            Measure(report, BenchKeys.GenReco1, events, repeat, () => processor.Process(mcChunk));
            var kaonChunk = new SimulatedChunk(ForcedKaon, 1, 0, 0, 0, events);
            Measure(report, BenchKeys.GenRecoForcedKaon1, events, repeat, () => processor.Process(kaonChunk));

            var cores = Environment.ProcessorCount;
            var processors = new ChunkProcessor[cores];
            for (var i = 0; i < cores; i++) processors[i] = new ChunkProcessor(c);
            var perCore = events / cores;
            Measure(report, BenchKeys.DecodeRecoAll, perCore * cores, repeat, () =>
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores },
                    i => processors[i].Process(new RawFileChunk(file, 0, i, (long)i * perCore, perCore))));
            // The same MC events as GenReco1, split over the cores: what the all-cores pipeline runs, without the actors.
            Measure(report, BenchKeys.GenRecoAll, perCore * cores, repeat, () =>
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores },
                    i => processors[i].Process(McChunk(i, (long)i * perCore, perCore))));
            report.Figures[BenchKeys.KernelParallelEfficiency] = BenchRatios.PipelineEfficiency(
                report.Get(BenchKeys.DecodeRecoAll + BenchKeys.EventsPerS), report.Get(BenchKeys.DecodeReco1 + BenchKeys.EventsPerS), cores)!.Value;

            // The muon events as `na64 zprime-reach` runs them; the tables are built before the warm-up.
            var setup = SetupCatalog.Find(MuonSetup)!;
            var muons = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(setup.Conditions));
            var emitter = muons.EmitterFor(100);
            var muonEvents = (int)Math.Min(events, int.MaxValue);
            Measure(report, BenchKeys.MuonZPrime1, muonEvents, repeat, () => muons.Run(emitter, muonEvents, 42));
            Measure(report, BenchKeys.MuonBeam1, muonEvents, repeat, () => muons.Run(null, muonEvents, 42));

            // The X events as a visible campaign's chunks run them; the emitter's tables are built before the warm-up.
            var visible = new VisibleEventSimulation(SetupCatalog.Find(VisibleSetup)!);
            var x = visible.EmitterFor(16.7);
            Measure(report, BenchKeys.VisibleX1, muonEvents, repeat, () => visible.Run(x, muonEvents, 42));
            var background = new VisibleKaonShortBackground(SetupCatalog.Find(VisibleSetup)!, VisibleKaonShortBackground.Decay.NeutralPions);
            Measure(report, BenchKeys.VisibleKaonShort1, muonEvents, repeat, () => background.Run(muonEvents, 42));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void Measure(BenchReport report, string name, long events, int repeat, Action body)
    {
        body(); // warm-up: JIT tiering and page cache
        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long allocated = 0;
        using var self = Process.GetCurrentProcess();
        for (var r = 0; r < repeat; r++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            body();
            watch.Stop();
            self.Refresh();
            bestCpu = Math.Min(bestCpu, (self.TotalProcessorTime - cpuBefore).TotalSeconds);
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        report.Figures[name + BenchKeys.EventsPerS] = events / best;
        // CPU time of the whole process (all threads): on a loaded machine the wall clock also counts the time the
        // kernel ran others, the CPU time does not.
        report.Figures[name + BenchKeys.EventsPerCpuS] = events / Math.Max(bestCpu, 1e-3);
        report.Figures[name + BenchKeys.BytesPerEvent] = (double)allocated / events;
    }
}
