using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Golden;

/// <summary>
/// The physics output of a fixed-seed campaign, pinned: every sample kind simulated, reconstructed and selected with the
/// default conditions, its merged summary (every counter, cut-flow row and histogram bin) compared with
/// <c>Golden/reference.json</c> by SHA-256, and its cut-flow row by row so that a failure shows what moved; and the muon
/// programme's simulated events of <c>na64mu-2022</c> (Z' at two masses and beam muons), their cut-flows and the Z'
/// yields, as <c>na64 zprime-reach</c> computes them. A change of
/// physics output must be a deliberate change of that file: run with <c>NA64_WRITE_GOLDEN=1</c> to write the new
/// reference, and say in the commit why the numbers moved.
/// </summary>
public sealed class GoldenReferenceTests
{
    private const string FileName = "reference.json";

    /// <summary>The muon programme's samples: Z' masses in MeV (0 for beam muons), each of this many events from seed 2026.</summary>
    private static readonly double[] MuonMassesMeV = [0, 1, 1000];
    private const int MuonEvents = 5000;

    /// <summary>The campaign: (sample, spills, events per spill). Small enough for a unit test, every process present.</summary>
    private static readonly (SampleDescriptor Sample, int Spills, int Events)[] Campaign =
    [
        (new SampleDescriptor(SampleKind.Beam, 0, 0, 1001), 4, 5000),
        (new SampleDescriptor(SampleKind.Hadron, 0, 0, 1002), 2, 2000),
        (new SampleDescriptor(SampleKind.Dimuon, 0, 0, 1003), 1, 1000),
        (new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 1004), 1, 2000),
        (new SampleDescriptor(SampleKind.Signal, 1000, 1e-4, 1005), 1, 2000),
        (new SampleDescriptor(SampleKind.Kaon, 0, 0, 1006), 1, 2000),
        (new SampleDescriptor(SampleKind.Kaon, 0, 0, 1007) { Bias = 1e12 }, 1, 2000),
    ];

    [Fact]
    public void The_physics_output_of_the_reference_campaign_is_the_stored_one()
    {
        var actual = Compute();
        var path = Stored();
        if (Environment.GetEnvironmentVariable("NA64_WRITE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }
        Assert.True(File.Exists(path), $"no golden reference at {path}: run with NA64_WRITE_GOLDEN=1 once, then commit it");
        var expected = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(expected["conditions"]!.GetValue<string>(), actual["conditions"]!.GetValue<string>());
        foreach (var (name, sample) in expected["samples"]!.AsObject())
        {
            var got = actual["samples"]![name] ?? throw new Xunit.Sdk.XunitException($"sample {name} missing");
            // The cut-flow first: a row that moved says more than a hash.
            Assert.Equal(sample!["cutflow"]!.ToJsonString(), got["cutflow"]!.ToJsonString());
            Assert.Equal(sample["eot"]!.GetValue<long>(), got["eot"]!.GetValue<long>());
            Assert.Equal(sample["weighted_signal_box"]!.GetValue<double>(), got["weighted_signal_box"]!.GetValue<double>());
            Assert.True(sample["fingerprint"]!.GetValue<string>() == got["fingerprint"]!.GetValue<string>(),
                $"{name}: the merged summary (histograms included) changed; if on purpose, NA64_WRITE_GOLDEN=1 dotnet test --filter GoldenReference");
        }
        Assert.Equal(expected["samples"]!.AsObject().Count, actual["samples"]!.AsObject().Count);
        var muon = expected["muon"] ?? throw new Xunit.Sdk.XunitException("the reference has no muon section: NA64_WRITE_GOLDEN=1 dotnet test --filter GoldenReference");
        Assert.Equal(muon.ToJsonString(), actual["muon"]!.ToJsonString());
    }

    private static JsonObject ComputeMuon()
    {
        var setup = SetupCatalog.Find(SetupCatalog.Na64Mu2022)!;
        var simulation = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(setup.Conditions));
        var samples = new JsonObject();
        foreach (var mass in MuonMassesMeV)
        {
            var emitter = mass > 0 ? simulation.EmitterFor(mass) : null;
            var flow = simulation.Run(emitter, MuonEvents, 2026);
            var cutflow = new JsonObject { ["simulated"] = flow.Events };
            for (var c = 0; c < flow.Cuts.Count; c++) cutflow[flow.Cuts[c]] = flow.PassedAfter[c];
            var sample = new JsonObject { ["cutflow"] = cutflow };
            if (emitter is not null) sample["yield_per_mot_per_g2"] = emitter.YieldPerMotPerCouplingSquared;
            samples[mass > 0 ? FormattableString.Invariant($"zprime-{mass}MeV") : "beam-muons"] = sample;
        }
        return new JsonObject { ["setup"] = setup.Id, ["min_emission_fraction"] = simulation.MinEmissionFraction, ["samples"] = samples };
    }

    private static JsonObject Compute()
    {
        var conditions = DetectorConditions.Default;
        var processor = new ChunkProcessor(conditions);
        var samples = new JsonObject();
        foreach (var (sample, spills, events) in Campaign)
        {
            var total = new EventSummary();
            for (var spill = 0; spill < spills; spill++)
            {
                var summary = processor.Process(new SimulatedChunk(sample, 1, spill, 0, 0, events));
                summary.Eot = events;
                summary.Spills = 1;
                total.Merge(summary);
            }
            var cutflow = new JsonObject();
            for (var c = 0; c < CutNames.Count; c++) cutflow[CutNames.All[c]] = total.CutFlow[c];
            samples[sample.Name] = new JsonObject
            {
                ["eot"] = total.Eot,
                ["cutflow"] = cutflow,
                ["weighted_signal_box"] = FixedPointWeight.ToDouble(total.WeightedCutFlow[(int)Cut.SignalBox]),
                ["fingerprint"] = total.Fingerprint(),
            };
        }
        return new JsonObject { ["conditions"] = conditions.Id, ["samples"] = samples, ["muon"] = ComputeMuon() };
    }

    private static string Stored([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, FileName);
}
