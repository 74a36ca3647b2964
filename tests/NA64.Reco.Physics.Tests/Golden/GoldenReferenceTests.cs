using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Golden;

/// <summary>
/// The physics output of a fixed-seed campaign, pinned: every sample kind simulated, reconstructed and selected with the
/// default conditions, its merged summary (every counter, cut-flow row and histogram bin) compared with
/// <c>Golden/reference.json</c> by SHA-256, and its cut-flow row by row so that a failure shows what moved. A change of
/// physics output must be a deliberate change of that file: run with <c>NA64_WRITE_GOLDEN=1</c> to write the new
/// reference, and say in the commit why the numbers moved.
/// </summary>
public sealed class GoldenReferenceTests
{
    private const string FileName = "reference.json";

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
        return new JsonObject { ["conditions"] = conditions.Id, ["samples"] = samples };
    }

    private static string Stored([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, FileName);
}
