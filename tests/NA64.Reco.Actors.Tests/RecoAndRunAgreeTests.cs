using System.Text.Json;
using NA64.Reco.Actors.Tests.Support;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The bare reference and the pipeline agree: the same spills through <c>na64 reco</c> (one thread, whole
/// files), <c>na64 run</c> over the files, and <c>na64 run</c> of the MC spec that generated them (chunks
/// regenerated on the fly) give the same EOT and cut-flow per sample; a corrupt file is quarantined alike.
/// </summary>
public sealed class RecoAndRunAgreeTests
{
    [Fact]
    public async Task Reco_run_over_files_and_run_of_the_MC_spec_give_identical_eot_and_cutflow()
    {
        using var dir = new TempDirectory();
        var input = dir.File("in");
        Assert.Equal(0, (await Na64Process.RunToEnd("generate", "--sample", "beam", "--spills", "3", "--events-per-spill", "1500", "--seed", "5", "--out", input)).Code);
        Assert.Equal(0, (await Na64Process.RunToEnd("generate", "--sample", "signal", "--mass-mev", "16.7", "--epsilon", "1e-4", "--spills", "2", "--events-per-spill", "1500", "--seed", "6", "--out", input)).Code);
        var corrupt = Path.Combine(input, "zz-corrupt.na64raw");
        await File.WriteAllBytesAsync(corrupt, "NA64RAW\0 this is not a spill file at all"u8.ToArray());

        var (recoCode, recoOut) = await Na64Process.RunToEnd("reco", input, "--json", dir.File("reco.json"));
        Assert.True(recoCode == 3, recoOut); // reco: done, with a quarantined file
        await File.WriteAllTextAsync(dir.File("files.json"), $$"""{ "id": "files", "chunk_size": 400, "inputs": { "raw": [ {{JsonSerializer.Serialize(input)}} ] } }""");
        var (filesCode, filesOut) = await Na64Process.RunToEnd("run", dir.File("files.json"), "--out", dir.File("files"));
        Assert.True(filesCode == 0, filesOut);
        await File.WriteAllTextAsync(dir.File("mc.json"), """
            { "id": "mc", "chunk_size": 700, "inputs": { "samples": [
              { "sample": "beam", "spills": 3, "events_per_spill": 1500, "seed": 5 },
              { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 2, "events_per_spill": 1500, "seed": 6 } ] } }
            """);
        var (mcCode, mcOut) = await Na64Process.RunToEnd("run", dir.File("mc.json"), "--out", dir.File("mc"));
        Assert.True(mcCode == 0, mcOut);

        using var reco = JsonDocument.Parse(await File.ReadAllBytesAsync(dir.File("reco.json")));
        using var files = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.File("files"), "summary.json")));
        using var mc = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(dir.File("mc"), "summary.json")));
        var expected = RecoSamples(reco.RootElement);
        Assert.Equal(["beam", "signal-16.7MeV"], expected.Keys);
        Assert.Equal(4500, expected["beam"].Eot);
        Assert.Equal(expected, RunSamples(files.RootElement));
        Assert.Equal(expected, RunSamples(mc.RootElement));
        Assert.Equal(reco.RootElement.GetProperty("eot").GetInt64(), files.RootElement.GetProperty("eot").GetInt64());
        Assert.Equal(reco.RootElement.GetProperty("eot").GetInt64(), mc.RootElement.GetProperty("eot").GetInt64());

        var recoQ = Assert.Single(reco.RootElement.GetProperty("quarantined").EnumerateArray());
        var runQ = Assert.Single(files.RootElement.GetProperty("spills").GetProperty("quarantined").EnumerateArray());
        Assert.Equal("zz-corrupt", runQ.GetProperty("spill").GetString());
        Assert.Equal(recoQ.GetProperty("file").GetString(), runQ.GetProperty("file").GetString());
        Assert.Equal(recoQ.GetProperty("offset").GetInt64(), runQ.GetProperty("offset").GetInt64());
        Assert.Equal(5, files.RootElement.GetProperty("spills").GetProperty("done").GetInt32());
    }

    private sealed record Sample(long Eot, long Events, string CutFlow);

    /// <summary>Both write [{cut, events}, ...]: compare the rows, not the indentation.</summary>
    private static string Rows(JsonElement cutflow) => JsonSerializer.Serialize(cutflow);

    private static SortedDictionary<string, Sample> RecoSamples(JsonElement root)
    {
        var result = new SortedDictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("samples").EnumerateArray())
            result[s.GetProperty("name").GetString()!] = new Sample(s.GetProperty("eot").GetInt64(), s.GetProperty("events").GetInt64(), Rows(s.GetProperty("cutflow")));
        return result;
    }

    private static SortedDictionary<string, Sample> RunSamples(JsonElement root)
    {
        var result = new SortedDictionary<string, Sample>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("samples").EnumerateArray())
        {
            var name = s.GetProperty("name").GetString()!;
            result[name] = new Sample(s.GetProperty("eot").GetInt64(), s.GetProperty("events").GetInt64(), Rows(root.GetProperty("cutflow").GetProperty(name)));
        }
        return result;
    }
}
