using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// <c>na64 bench</c>: throughput of the bare kernel on this machine — generation, decoding, and
/// decode + reconstruct + select per event, on one core and on all cores — with allocations per event.
/// Each figure is the best of several repetitions after a warm-up, so that JIT tiering is excluded.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events per measurement", DefaultValueFactory = _ => 400_000 };
        var repeat = new Option<int>("--repeat") { Description = "Repetitions per measurement (best is kept)", DefaultValueFactory = _ => 3 };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file" };
        var conditions = ConditionsOption.Create();
        var command = new Command("bench", "Measure kernel throughput (events/s) and allocations per event") { events, repeat, json, conditions };
        command.SetAction(parse => CliErrors.Guard("bench", parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var c = ConditionsOption.Load(parse.GetValue(conditions));
            var figures = Run(c, parse.GetValue(events), Math.Max(1, parse.GetValue(repeat)));
            foreach (var (name, value) in figures) output.WriteLine(FormattableString.Invariant($"{name,-44} {value,16:N1}"));
            if (parse.GetValue(json) is { } file)
            {
                using var stream = File.Create(file.FullName);
                JsonSerializer.Serialize(stream, figures, new JsonSerializerOptions { WriteIndented = true });
            }
            return 0;
        }));
        return command;
    }

    public static SortedDictionary<string, double> Run(DetectorConditions c, int events, int repeat)
    {
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var beam = new SampleDescriptor(SampleKind.Beam, 0, 0, 42);
        var dir = Directory.CreateTempSubdirectory("na64-bench-");
        try
        {
            var file = Path.Combine(dir.FullName, "bench.na64raw");
            var generator = new EventGenerator(c, beam);
            var ev = RawEvent.For(c);

            // Generation alone (one core).
            Measure(figures, "generate", events, repeat, () =>
            {
                for (long n = 0; n < events; n++) generator.Generate(0, n, ev);
            });

            // Write one spill file to read back.
            using (var writer = SpillFileWriter.Create(file, generator.CreateHeader(1, 0, events), c))
                for (long n = 0; n < events; n++)
                {
                    generator.Generate(0, n, ev);
                    writer.Write(ev);
                }
            figures["file bytes/event"] = (double)new FileInfo(file).Length / events;

            Measure(figures, "decode", events, repeat, () =>
            {
                using var reader = SpillFileReader.Open(file);
                while (reader.TryReadNext(ev)) { }
            });

            var processor = new ChunkProcessor(c);
            var chunk = new RawFileChunk(file, 0, 0, 0, events);
            Measure(figures, "decode+reco+select (1 core)", events, repeat, () => processor.Process(chunk));

            var mcChunk = new SimulatedChunk(beam, 1, 0, 0, 0, events);
            Measure(figures, "generate+reco+select (1 core)", events, repeat, () => processor.Process(mcChunk));

            var cores = Environment.ProcessorCount;
            var processors = new ChunkProcessor[cores];
            for (var i = 0; i < cores; i++) processors[i] = new ChunkProcessor(c);
            var perCore = events / cores;
            Measure(figures, $"decode+reco+select ({cores} cores)", perCore * cores, repeat, () =>
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores },
                    i => processors[i].Process(new RawFileChunk(file, 0, i, (long)i * perCore, perCore))));
            figures["cores"] = cores;
            figures["parallel efficiency (all cores / (1 core x cores))"] =
                figures[$"decode+reco+select ({cores} cores) events/s"] / (figures["decode+reco+select (1 core) events/s"] * cores);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
        return figures;
    }

    private static void Measure(SortedDictionary<string, double> figures, string name, long events, int repeat, Action body)
    {
        body(); // warm-up: JIT tiering and page cache
        var best = double.MaxValue;
        long allocated = 0;
        for (var r = 0; r < repeat; r++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            body();
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        figures[$"{name} events/s"] = events / best;
        figures[$"{name} bytes allocated/event"] = (double)allocated / events;
    }
}
