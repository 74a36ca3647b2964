using System.CommandLine;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Options;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Commands;

/// <summary><c>na64 generate</c>: writes simulated spill files, one per spill, byte-identical for a given seed.</summary>
public static class GenerateCommand
{
    public static Command Create()
    {
        var sample = new Option<string>("--sample") { Description = "beam | hadron | kaon | electron | signal | dimuon", Required = true };
        sample.AcceptOnlyFromAmong("beam", "hadron", "kaon", "electron", "signal", "dimuon");
        var mass = new Option<double>("--mass-mev") { Description = "m_A' in MeV (signal only)" };
        var epsilon = new Option<double>("--epsilon") { Description = "Mixing ε recorded with a signal sample (weights are at ε = 1)", DefaultValueFactory = _ => 1e-4 };
        var bias = new Option<double?>("--bias") { Description = "Factor on the sample's rare process, its events weighted back (beam, hadron, kaon, electron; 1..1e15)" };
        var spills = new Option<int>("--spills") { Description = "Number of spills", DefaultValueFactory = _ => 1 };
        var events = new Option<int>("--events-per-spill") { Description = "Events per spill", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<ulong>("--seed") { Description = "Sample seed", DefaultValueFactory = _ => 1UL };
        var run = new Option<int>("--run") { Description = "Run number written in the headers", DefaultValueFactory = _ => 1 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Output folder", Required = true };
        var conditions = ConditionsOption.Create();
        var command = new Command("generate", "Simulate spills of a sample and write them as raw spill files")
        {
            sample, mass, epsilon, bias, spills, events, seed, run, outDir, conditions,
        };
        command.SetAction(parse => CliErrors.Guard("generate", parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var kind = Enum.Parse<SampleKind>(parse.GetValue(sample)!, ignoreCase: true);
            var m = parse.GetValue(mass);
            if (kind == SampleKind.Signal && !(m > 0)) return Fail(parse, "--mass-mev must be > 0 for the signal sample");
            if (parse.GetValue(spills) < 1 || parse.GetValue(events) < 1) return Fail(parse, "--spills and --events-per-spill must be ≥ 1");
            var biasFactor = parse.GetValue(bias);
            if (biasFactor is { } b && SampleDescriptor.BiasProblem(kind, b) is { } problem) return Fail(parse, $"--bias: {problem}");
            var c = ConditionsOption.Load(parse.GetValue(conditions));
            var descriptor = new SampleDescriptor(kind, kind == SampleKind.Signal ? m : 0, kind == SampleKind.Signal ? parse.GetValue(epsilon) : 0, parse.GetValue(seed))
            {
                Bias = biasFactor ?? 1,
            };
            var dir = parse.GetValue(outDir)!;
            dir.Create();
            var runNumber = parse.GetValue(run);
            var perSpill = parse.GetValue(events);
            // Spills are independent (each event's stream depends on seed, spill and number), so they are written in parallel.
            Parallel.For(0, parse.GetValue(spills), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                () => (Generator: new EventGenerator(c, descriptor), Event: RawEvent.For(c)),
                (spill, _, local) =>
                {
                    var path = Path.Combine(dir.FullName, SpillFileNames.For(descriptor, runNumber, spill));
                    using var writer = SpillFileWriter.Create(path, local.Generator.CreateHeader(runNumber, spill, perSpill), c);
                    for (long n = 0; n < perSpill; n++)
                    {
                        local.Generator.Generate(spill, n, local.Event);
                        writer.Write(local.Event);
                    }
                    return local;
                },
                _ => { });
            output.WriteLine($"wrote {parse.GetValue(spills)} spill(s) × {perSpill} events of '{descriptor.Name}' (seed {descriptor.Seed}, conditions {c.Id}) to {dir.FullName}");
            return 0;
        }));
        return command;
    }

    private static int Fail(ParseResult parse, string message)
    {
        parse.InvocationConfiguration.Error.WriteLine($"na64 generate: {message}");
        return 2;
    }
}
