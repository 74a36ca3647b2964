using NA64.Reco.Actors.Tests.Support;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// <c>na64 run</c> as a user runs it: raw inputs beside the spec or below the current folder, others only under a
/// <c>--data-root</c>; anything else, /proc included, and a campaign beyond the limits is one line and changes nothing.
/// </summary>
public sealed class RunConfinementTests
{
    [Fact]
    public async Task Raw_inputs_outside_the_specs_folder_and_the_current_one_need_a_data_root()
    {
        using var dir = new TempDirectory();
        var specs = Directory.CreateDirectory(dir.File("specs")).FullName;
        var generated = await Na64Process.Run("generate", "--sample", "beam", "--spills", "1", "--events-per-spill", "200", "--seed", "3", "--out", dir.File("data"));
        Assert.True(generated.Code == 0, generated.Error);
        var spec = Path.Combine(specs, "raw.json");
        await File.WriteAllTextAsync(spec, $$"""{ "id": "raw-1", "inputs": { "raw": [ {{System.Text.Json.JsonSerializer.Serialize(dir.File("data"))}} ] } }""");
        var proc = Path.Combine(specs, "proc.json");
        await File.WriteAllTextAsync(proc, """{ "id": "proc-1", "inputs": { "raw": [ "/proc" ] } }""");

        var refused = await Na64Process.Run("run", spec, "--out", dir.File("out"), "--cmd-port", "-1");
        var procRefused = await Na64Process.Run("run", proc, "--out", dir.File("out-proc"), "--cmd-port", "-1", "--data-root", specs);
        var admitted = await Na64Process.Run("run", spec, "--out", dir.File("out"), "--cmd-port", "-1", "--data-root", dir.File("data"));

        Assert.Equal(2, refused.Code);
        var line = Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"na64 run: campaign spec {spec}: inputs.raw[0]: '{dir.File("data")}' is outside the data roots ({specs}, ", line);
        Assert.Equal(2, procRefused.Code);
        Assert.Equal($"na64 run: campaign spec {proc}: inputs.raw[0]: '/proc' is outside the data roots ({specs}; --data-root or NA64_DATA_ROOTS adds one)", procRefused.Error.TrimEnd());
        Assert.False(Directory.Exists(dir.File("out-proc")), "nothing may be started");
        Assert.True(admitted.Code == 0, admitted.Output + admitted.Error);
        Assert.True(File.Exists(dir.File("out/summary.json")));
    }

    [Fact]
    public async Task A_campaign_beyond_the_limits_is_refused_in_one_line_and_the_done_ones_of_the_database_stay()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("small.json"), """{ "id": "small", "inputs": { "samples": [ { "sample": "beam", "spills": 2, "events_per_spill": 100, "seed": 5 } ] } }""");
        await File.WriteAllTextAsync(dir.File("large.json"), """{ "id": "large", "inputs": { "samples": [ { "sample": "beam", "spills": 3, "events_per_spill": 100, "seed": 5 } ] } }""");
        var db = dir.File("campaigns.db");

        var small = await Na64Process.Run("run", dir.File("small.json"), "--db", db, "--out", dir.File("small"), "--cmd-port", "-1", "--max-campaign-spills", "2");
        var large = await Na64Process.Run("run", dir.File("large.json"), "--db", db, "--out", dir.File("large"), "--cmd-port", "-1", "--max-campaign-spills", "2");
        var results = await Na64Process.Run("results", "small", "--db", db, "--out", dir.File("again"));

        Assert.True(small.Code == 0, small.Error);
        Assert.Equal(3, large.Code);
        Assert.Equal("na64 run: campaign spec large: inputs: 3 spills in all; this campaign service admits at most 2 per campaign (--max-campaign-spills)", large.Error.TrimEnd());
        Assert.True(results.Code == 0, results.Error);
        Assert.Equal(File.ReadAllBytes(dir.File("small/summary.json")), File.ReadAllBytes(dir.File("again/summary.json")));
    }
}
