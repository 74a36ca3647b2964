using System.Diagnostics;
using NA64.Reco.Actors.Tests.Support;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// <c>na64 run</c> and <c>na64 results</c> as a user runs them (child processes, the real reconstruction): results of
/// this run in its own <c>--out</c>, the same bytes from the database, one journal for one run, and every bad input a
/// one-line error with exit code 2.
/// </summary>
public sealed class RunCommandTests
{
    private const string Spec = """
        { "id": "small", "chunk_size": 2000, "inputs": { "samples": [
          { "sample": "beam", "spills": 3, "events_per_spill": 4000, "seed": 7 },
          { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 1, "events_per_spill": 2000, "seed": 8 } ] } }
        """;

    [Fact]
    public async Task Each_run_writes_its_own_out_and_results_writes_the_same_bytes_from_the_database()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        await File.WriteAllTextAsync(spec, Spec);

        var first = await Na64Process.Run("run", spec, "--out", dir.File("first"), "--cmd-port", "-1");
        Assert.True(first.Code == 0, first.Error);
        var names = Directory.GetFiles(dir.File("first")).Select(Path.GetFileName).Where(n => n is not ("campaign.db" or "campaign.db-wal" or "campaign.db-shm" or "campaign.db.lock")).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("summary.json", names);
        Assert.Contains("limits.csv", names);
        Assert.Contains("exclusion.png", names);
        Assert.Contains("report.html", names); // fetched below by `na64 results` like every other file
        Assert.DoesNotContain(names, n => n!.EndsWith(".tmp", StringComparison.Ordinal));

        // The same campaign on the same journal, another --out: this run's folder gets the results (nothing is redone).
        var second = await Na64Process.Run("run", spec, "--out", dir.File("second"), "--db", dir.File("first/campaign.db"), "--cmd-port", "-1");
        Assert.True(second.Code == 0, second.Error);
        // From the database alone, as from a machine where the campaign never ran.
        var fetched = await Na64Process.Run("results", "small", "--out", dir.File("fetched"), "--db", dir.File("first/campaign.db"));
        Assert.True(fetched.Code == 0, fetched.Error);
        foreach (var name in names)
        {
            var expected = await File.ReadAllBytesAsync(Path.Combine(dir.File("first"), name!));
            Assert.Equal(expected, await File.ReadAllBytesAsync(Path.Combine(dir.File("second"), name!)));
            Assert.Equal(expected, await File.ReadAllBytesAsync(Path.Combine(dir.File("fetched"), name!)));
        }
        Assert.Equal(names, Directory.GetFiles(dir.File("fetched")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task A_second_run_on_a_journal_in_use_is_refused_up_front()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        // Long enough to be running when the second one starts.
        await File.WriteAllTextAsync(spec, """
            { "id": "long", "inputs": { "samples": [ { "sample": "beam", "spills": 400, "events_per_spill": 20000, "seed": 1 } ] } }
            """);
        var db = dir.File("shared.db");
        using var first = Process.Start(Na64Process.StartInfo("run", spec, "--out", dir.File("a"), "--db", db, "--cmd-port", "-1"))!;
        try
        {
            // It prints the journal line once it holds the journal.
            while (await first.StandardOutput.ReadLineAsync() is { } line && !line.StartsWith("journal ", StringComparison.Ordinal)) { }

            var second = await Na64Process.Run("run", spec, "--out", dir.File("b"), "--db", db, "--cmd-port", "-1");

            Assert.Equal(3, second.Code);
            Assert.Equal($"na64 run: journal {db} is in use by another process (a na64 run, or the nodes of a cluster): stop it, or give this run another --db",
                second.Error.TrimEnd());
            Assert.False(first.HasExited);
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync();
        }
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        // name, spec text, conditions text ("" for none), what the one line must contain
        { "duplicate key in a spec", """{ "id": "d", "inputs": { "samples": [ { "sample": "beam", "spills": 2, "spills": 200000, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].spills: given twice" },
        { "null section in conditions", """{ "id": "n", "conditions": "c.json", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""",
            "beam:null", "c.json': field '$.beam'" },
        { "duplicate key in conditions", """{ "id": "n", "conditions": "c.json", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""",
            "beam:twice", "c.json': field '$.beam.energyGeV'" },
        { "null element in conditions", """{ "id": "n", "conditions": "c.json", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""",
            "stations:null", "c.json': field 'micromegas.stations[1]': must be an object, got null" },
        { "an invisible sample on a setup of the muon programme", """{ "id": "m", "conditions": "na64mu-2022", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'beam' is a sample of the invisible programme; setup 'na64mu-2022' is of the muon programme, whose samples are 'muon' and 'zprime'" },
        { "an invisible sample on a setup of the visible programme", """{ "id": "v", "setup": "visible-2017", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'beam' is a sample of the invisible programme; setup 'visible-2017' is of the visible programme, whose samples are 'x', 'k0s-pi0pi0' and 'k0s-pipi'" },
        { "an x sample on the invisible setup", """{ "id": "v", "setup": "invisible-2016", "inputs": { "samples": [ { "sample": "x", "mass_mev": 16.7, "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'x' is a sample of the visible programme; it needs a visible-programme setup (\"setup\": \"visible-2018\"), not 'invisible-2016'" },
        { "a K0S sample on the invisible setup", """{ "id": "v", "setup": "invisible-2016", "inputs": { "samples": [ { "sample": "k0s-pipi", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'k0s-pipi' is a sample of the visible programme; it needs a visible-programme setup (\"setup\": \"visible-2018\"), not 'invisible-2016'" },
        { "background samples alone on a setup of the visible programme", """{ "id": "v", "setup": "visible-2018", "inputs": { "samples": [ { "sample": "k0s-pi0pi0", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples: a visible-programme campaign needs at least one 'x' sample: its band is solved per X mass, and its K0S samples are that band's background" },
        { "an x sample with a coupling", """{ "id": "v", "setup": "visible-2018", "inputs": { "samples": [ { "sample": "x", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].epsilon: an 'x' sample has no coupling" },
        { "a projection on a setup of the muon programme", """{ "id": "m", "setup": "na64mu-2022", "analysis": { "projected_eot": [1e11] }, "inputs": { "samples": [ { "sample": "muon", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "analysis.projected_eot: a muon-programme campaign takes only 'method' and 'signal_prior' of the analysis" },
        { "an exposure uncertainty on a setup of the visible programme", """{ "id": "v", "setup": "visible-2018", "analysis": { "eot_uncertainty": 0.05 }, "inputs": { "samples": [ { "sample": "x", "mass_mev": 16.7, "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "analysis.eot_uncertainty: a visible-programme campaign takes only 'method' and 'signal_prior' of the analysis" },
        { "raw files on a setup of the visible programme", """{ "id": "v", "setup": "visible-2018", "inputs": { "raw": ["data"] } }""", "",
            "inputs.raw: setup 'visible-2018' is of the visible programme, which reads no raw files here: its campaigns simulate 'x', 'k0s-pi0pi0' and 'k0s-pipi' samples" },
        { "raw files on a setup of the muon programme", """{ "id": "m", "setup": "na64mu-2022", "inputs": { "raw": ["data"] } }""", "",
            "inputs.raw: setup 'na64mu-2022' is of the muon programme, which reads no raw files here" },
        { "a muon sample on the invisible setup", """{ "id": "m", "setup": "invisible-2016", "inputs": { "samples": [ { "sample": "muon", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'muon' is a sample of the muon programme; it needs a muon-programme setup" },
        { "a zprime sample on the node's conditions", """{ "id": "m", "inputs": { "samples": [ { "sample": "zprime", "mass_mev": 10, "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].sample: 'zprime' is a sample of the muon programme" },
        { "a zprime sample with a coupling", """{ "id": "m", "setup": "na64mu-2022", "inputs": { "samples": [ { "sample": "zprime", "mass_mev": 10, "epsilon": 1e-4, "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].epsilon: a 'zprime' sample has no coupling" },
        { "a zprime sample without a mass", """{ "id": "m", "setup": "na64mu-2022", "inputs": { "samples": [ { "sample": "zprime", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "inputs.samples[0].mass_mev: required for a 'zprime' sample" },
        { "setup and conditions", """{ "id": "b", "setup": "invisible-2016", "conditions": "c.json", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "setup: give the setup or the conditions, not both" },
        { "id '..'", """{ "id": "..", "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 10, "seed": 1 } ] } }""", "",
            "id: '..' must be 1-64 characters" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_spec_or_conditions_file_is_one_line_naming_the_file_and_field_and_exit_2(string name, string specText, string conditions, string expected)
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), specText);
        if (conditions.Length > 0) await File.WriteAllTextAsync(dir.File("c.json"), BrokenConditions(conditions));

        var (code, output, error) = await Na64Process.Run("run", dir.File("spec.json"), "--out", dir.File("out"), "--cmd-port", "-1");

        Assert.True(code == 2, $"{name}: exit {code}: {output}{error}");
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("na64 run: ", line);
        Assert.Contains(expected, line);
        Assert.Contains(conditions.Length > 0 ? dir.File("c.json") : dir.File("spec.json"), line);
        Assert.False(Directory.Exists(dir.File("out")), $"{name}: nothing may be started");
    }

    [Fact]
    public async Task A_spec_that_names_the_built_in_invisible_setup_runs_with_the_default_conditions_and_so_does_its_file()
    {
        using var dir = new TempDirectory();
        const string samples = """ "inputs": { "samples": [ { "sample": "beam", "spills": 1, "events_per_spill": 3000, "seed": 3 } ] } }""";
        await File.WriteAllTextAsync(dir.File("named.json"), """{ "id": "named", "setup": "invisible-2016", """ + samples);
        await File.WriteAllTextAsync(dir.File("plain.json"), """{ "id": "plain", """ + samples);
        // A user's invisible setup on the default conditions, named by its file.
        await File.WriteAllTextAsync(dir.File("mine.json"),
            """{ "setup": "mine", "version": 1, "programme": "invisible", "description": "d", "sources": ["s"], "conditions": "default" }""");
        await File.WriteAllTextAsync(dir.File("file.json"), """{ "id": "file", "setup": "mine.json", """ + samples);

        var named = await Na64Process.Run("run", dir.File("named.json"), "--out", dir.File("named"), "--cmd-port", "-1");
        var plain = await Na64Process.Run("run", dir.File("plain.json"), "--out", dir.File("plain"), "--cmd-port", "-1");
        var file = await Na64Process.Run("run", dir.File("file.json"), "--out", dir.File("file"), "--cmd-port", "-1");

        Assert.True(named.Code == 0, named.Error);
        Assert.True(plain.Code == 0, plain.Error);
        Assert.True(file.Code == 0, file.Error);
        Assert.Contains("conditions invisible-2016", named.Output);
        foreach (var table in new[] { "limits.csv", "cutflow.csv" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(dir.File("plain/" + table)), await File.ReadAllBytesAsync(dir.File("named/" + table)));
            Assert.Equal(await File.ReadAllBytesAsync(dir.File("plain/" + table)), await File.ReadAllBytesAsync(dir.File("file/" + table)));
        }
    }

    [Fact]
    public async Task A_folder_given_as_the_spec_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = await Na64Process.Run("run", dir.Path, "--cmd-port", "-1");
        Assert.Equal(2, code);
        Assert.Equal($"na64 run: campaign spec {dir.Path}: (file): is a folder, not a spec file", error.TrimEnd());
    }

    [Fact]
    public async Task A_journal_that_is_not_a_database_or_cannot_be_created_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), Spec);
        // Garbage where the journal should be (a file overwritten, or cut and padded).
        var garbage = dir.File("garbage.db");
        await File.WriteAllBytesAsync(garbage, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 + 11)).ToArray());
        var notDb = await Na64Process.Run("run", dir.File("spec.json"), "--db", garbage, "--out", dir.File("o1"), "--cmd-port", "-1");
        Assert.Equal(2, notDb.Code);
        Assert.Equal($"na64 run: journal {garbage}: SQLite Error 26: 'file is not a database'. (SQLite error 26)", notDb.Error.TrimEnd());

        // A journal below a regular file: its folder cannot be made.
        await File.WriteAllTextAsync(dir.File("plain"), "x");
        var below = dir.File("plain/campaign.db");
        var cannot = await Na64Process.Run("run", dir.File("spec.json"), "--db", below, "--out", dir.File("o2"), "--cmd-port", "-1");
        Assert.Equal(2, cannot.Code);
        var line = Assert.Single(cannot.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"na64 run: journal {below}: cannot be created: ", line);
    }

    [MountFact]
    public async Task A_journal_on_a_read_only_file_system_is_one_line_and_exit_2()
    {
        using var dir = new TempDirectory();
        using var readOnly = MountedFolder.Create(256, readOnly: true);
        await File.WriteAllTextAsync(dir.File("spec.json"), Spec);
        var db = Path.Combine(readOnly.Path, "campaign.db");

        var (code, _, error) = await Na64Process.Run("run", dir.File("spec.json"), "--db", db, "--out", dir.File("o"), "--cmd-port", "-1");

        Assert.Equal(2, code);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith($"na64 run: journal {db}: cannot be created: Read-only file system", line);
    }

    /// <summary>The default conditions with one defect: a section or element written as null, or a key given twice.</summary>
    private static string BrokenConditions(string defect)
    {
        var text = NA64.Reco.Physics.Detector.DetectorConditions.Default.SourceJson;
        return defect switch
        {
            "beam:null" => ReplaceSection(text, "\"beam\": {", "\"beam\": null,"),
            "beam:twice" => text.Replace("\"energyGeV\": 100.0,", "\"energyGeV\": 100.0,\n    \"energyGeV\": 150.0,", StringComparison.Ordinal),
            "stations:null" => ReplaceStation(text),
            _ => throw new ArgumentException(defect),
        };
    }

    /// <summary>Replaces the object that starts at <paramref name="start"/> (up to its closing brace and comma) by <paramref name="with"/>.</summary>
    private static string ReplaceSection(string text, string start, string with)
    {
        var at = text.IndexOf(start, StringComparison.Ordinal);
        var end = text.IndexOf("},", at, StringComparison.Ordinal) + 2;
        return text[..at] + with + text[end..];
    }

    private static string ReplaceStation(string text)
    {
        var at = text.IndexOf("{\n        \"name\": \"MM2\"", StringComparison.Ordinal);
        var end = text.IndexOf('}', at) + 1;
        return text[..at] + "null" + text[end..];
    }
}
