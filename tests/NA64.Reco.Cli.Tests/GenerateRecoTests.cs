using System.Text.Json;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Cli.Tests;

public sealed class GenerateRecoTests
{
    private static string[] Generate(string dir, string sample, ulong seed, params string[] extra) =>
        ["generate", "--sample", sample, "--spills", "2", "--events-per-spill", "1500", "--seed", seed.ToString(), "--out", dir, .. extra];

    [Fact]
    public void Same_seed_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp["a"], "beam", 7)).Code);
        Assert.Equal(0, CliRunner.Run(Generate(tmp["b"], "beam", 7)).Code);
        Assert.Equal(0, CliRunner.Run(Generate(tmp["c"], "beam", 8)).Code);
        var names = Directory.GetFiles(tmp["a"]).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["beam-run1-spill0000.na64raw", "beam-run1-spill0001.na64raw"], names);
        foreach (var name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(tmp["a"], name)), File.ReadAllBytes(Path.Combine(tmp["b"], name)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(tmp["a"], name)), File.ReadAllBytes(Path.Combine(tmp["c"], name)));
        }
    }

    [Fact]
    public void Generated_files_read_back_as_the_generated_events()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "signal", 3, "--mass-mev", "16.7")).Code);
        var c = DetectorConditions.Default;
        var generator = new EventGenerator(c, new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 3));
        var expected = RawEvent.For(c);
        var actual = RawEvent.For(c);
        using var reader = SpillFileReader.Open(tmp["signal-16.7MeV-run1-spill0001.na64raw"]);
        Assert.Equal(1, reader.Header.Spill);
        Assert.Equal(1500, reader.EventCount);
        Assert.Equal(1500, reader.Header.Eot);
        for (long n = 0; n < 1500; n++)
        {
            generator.Generate(1, n, expected);
            Assert.True(reader.TryReadNext(actual));
            RawEventAssert.Equal(expected, actual);
        }
        Assert.False(reader.TryReadNext(actual));
    }

    [Fact]
    public void A_kaon_sample_is_written_as_kaon_files_of_k_minus_events()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "kaon", 4)).Code);
        using var reader = SpillFileReader.Open(tmp["kaon-run1-spill0000.na64raw"]);
        Assert.Equal(SampleKind.Kaon, reader.Header.Sample.Kind);
        var ev = RawEvent.For(DetectorConditions.Default);
        Assert.True(reader.TryReadNext(ev));
        Assert.Equal(ParticleKind.Kaon, ev.Truth.Particle);
    }

    [Fact]
    public void A_biased_sample_is_written_with_its_bias_and_its_weighted_events()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "kaon", 4, "--bias", "1e12")).Code);
        using var reader = SpillFileReader.Open(tmp["kaon-bias1e12-run1-spill0001.na64raw"]);
        var descriptor = new SampleDescriptor(SampleKind.Kaon, 0, 0, 4) { Bias = 1e12 };
        Assert.Equal(descriptor, reader.Header.Sample);
        var c = DetectorConditions.Default;
        var generator = new EventGenerator(c, descriptor);
        var expected = RawEvent.For(c);
        var actual = RawEvent.For(c);
        var forced = 0;
        for (long n = 0; n < 1500; n++)
        {
            generator.Generate(1, n, expected);
            Assert.True(reader.TryReadNext(actual));
            RawEventAssert.Equal(expected, actual);
            if ((actual.Truth.Flags & TruthFlags.DecayToElectron) != 0) forced++;
        }
        // Forced: every K⁻ decays to an electron, each weighted by its probability q ≈ 10⁻³.
        Assert.Equal(1500, forced);
        Assert.InRange(actual.Truth.Weight, 1e-4, 1e-2);
    }

    [Fact]
    public void A_bias_on_a_sample_without_a_forcible_process_is_refused()
    {
        using var tmp = new TempFolder();
        var (code, _, error) = CliRunner.Run(Generate(tmp.Path, "signal", 4, "--mass-mev", "10", "--bias", "10"));
        Assert.Equal(2, code);
        Assert.Contains("--bias: a bias enhances a rare process", error);
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }

    [Fact]
    public void Reco_json_has_eot_cutflow_and_checks()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp["in"], "beam", 5)).Code);
        var (code, output, _) = CliRunner.Run("reco", tmp["in"], "--json", tmp["reco.json"]);
        Assert.Equal(0, code);
        Assert.Contains("EOT 3000", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        var root = json.RootElement;
        Assert.Equal(3000, root.GetProperty("eot").GetInt64());
        Assert.Equal(3000, root.GetProperty("events").GetInt64());
        var cutflow = root.GetProperty("cutflow").EnumerateArray().ToArray();
        Assert.Equal(10, cutflow.Length);
        Assert.Equal("all", cutflow[0].GetProperty("cut").GetString());
        Assert.Equal(3000, cutflow[0].GetProperty("events").GetInt64());
        for (var i = 1; i < cutflow.Length; i++)
            Assert.True(cutflow[i].GetProperty("events").GetInt64() <= cutflow[i - 1].GetProperty("events").GetInt64());
        var checks = root.GetProperty("checks");
        foreach (var key in new[] { "momentum_resolution", "srd_electron_efficiency", "srd_hadron_misid", "energy_closure" })
            Assert.True(checks.TryGetProperty(key, out _), $"checks.{key} missing");
    }

    [Fact]
    public void Reco_counts_the_beam_files_eot_as_the_exposure_and_gives_a_hadron_sample_its_equivalent_exposure()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp["in"], "beam", 5)).Code);
        Assert.Equal(0, CliRunner.Run(Generate(tmp["in"], "hadron", 6)).Code);
        var (code, output, _) = CliRunner.Run("reco", tmp["in"], "--json", tmp["reco.json"]);
        Assert.Equal(0, code);

        // 3000 beam events and 3000 π⁻: the exposure is the beam's, the pions stand for 3000 / 1% EOT.
        Assert.Contains("EOT 3000 (reference: data and beam files)", output);
        Assert.Contains("sample hadron: EOT 3000 (headers), events 3000, equivalent EOT 300000 (events/beam.pionFraction)", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        Assert.Equal(3000, json.RootElement.GetProperty("eot").GetInt64());
        var samples = json.RootElement.GetProperty("samples").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(3e5, samples["hadron"].GetProperty("equivalent_eot").GetDouble());
        Assert.Equal("events/beam.pionFraction", samples["hadron"].GetProperty("exposure_basis").GetString());
        Assert.Equal(3000, samples["beam"].GetProperty("equivalent_eot").GetDouble());
        Assert.Equal("spill-header-eot", samples["beam"].GetProperty("exposure_basis").GetString());
    }

    [Fact]
    public void Reco_of_a_pure_pion_sample_prints_the_factorised_srd_misidentification_below_three_in_a_million()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("generate", "--sample", "hadron", "--spills", "2", "--events-per-spill", "50000", "--seed", "11", "--out", tmp["pions"]).Code);
        var (code, output, _) = CliRunner.Run("reco", tmp["pions"], "--json", tmp["reco.json"]);
        Assert.Equal(0, code);
        var line = output.Split('\n').Single(l => l.TrimStart().StartsWith("SRD hadron misidentification", StringComparison.Ordinal));
        Assert.Contains("factorised over modules, 100000 hadrons", line);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        var checks = json.RootElement.GetProperty("checks");
        var value = checks.GetProperty("srd_hadron_misid_factorised").GetDouble();
        var sigma = checks.GetProperty("srd_hadron_misid_factorised_uncertainty").GetDouble();
        var upper = checks.GetProperty("srd_hadron_misid_upper_90").GetDouble();
        // Three modules passing ~1% each: ~1e-6, known to ~6% from 10⁵ pions; the direct count could only say < 2.3e-5.
        Assert.InRange(value, 0.5e-6, 2e-6);
        Assert.InRange(sigma / value, 0.02, 0.15);
        Assert.True(upper <= 3e-6, $"90% CL upper bound {upper:e3}");
        Assert.Contains(FormattableString.Invariant($"{value:0.00e+0} ± {sigma:0.00e+0}"), line);
    }

    [Fact]
    public void A_corrupt_file_is_quarantined_and_the_others_are_processed()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "beam", 9)).Code);
        var bad = tmp["beam-run1-spill0001.na64raw"];
        var bytes = File.ReadAllBytes(bad);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(bad, bytes);

        var (code, output, error) = CliRunner.Run("reco", tmp.Path, "--json", tmp["reco.json"]);
        Assert.Equal(3, code);
        Assert.Contains(bad, error);
        Assert.Contains("EOT 1500", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        var quarantined = json.RootElement.GetProperty("quarantined").EnumerateArray().Single();
        Assert.Equal(bad, quarantined.GetProperty("file").GetString());
        Assert.InRange(quarantined.GetProperty("offset").GetInt64(), 1, bytes.Length);
    }

    [Fact]
    public void A_file_of_another_detector_is_quarantined_as_such_and_the_others_are_processed()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "beam", 9)).Code);
        // A setup with one more counter: a well-formed v2 file that the invisible reconstruction cannot read.
        var c = DetectorConditions.Default;
        var layout = new SpillFileLayout([.. SpillFileLayout.From(c).Detectors, new RawDetector("s4", RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, 1)]);
        var other = tmp["other-setup.na64raw"];
        var header = new SpillHeader { Run = 2, Spill = 0, ConditionsId = "another-setup", Sample = SampleDescriptor.RealData, Eot = 10, Triggers = 1 };
        using (var w = new SpillFileWriter(File.Create(other), header, layout)) w.Write(layout.CreateEvent());

        var (code, output, error) = CliRunner.Run("reco", tmp.Path, "--json", tmp["reco.json"]);
        Assert.Equal(3, code);
        Assert.Contains($"'{other}': OtherDetector at byte offset 33", error);
        Assert.Contains("EOT 3000", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        Assert.Equal(other, json.RootElement.GetProperty("quarantined").EnumerateArray().Single().GetProperty("file").GetString());
    }

    [Fact]
    public void Reco_of_a_folder_skips_what_is_not_a_regular_file_reports_what_cannot_be_read_and_processes_the_rest()
    {
        using var tmp = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Generate(tmp.Path, "beam", 9)).Code);
        // A FIFO would block an open for ever; /proc/self/mem opens but its first page cannot be read (EIO).
        var fifo = tmp["fifo.na64raw"];
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
        var unreadable = tmp["unreadable.na64raw"];
        File.CreateSymbolicLink(unreadable, "/proc/self/mem");

        var (code, output, error) = CliRunner.Run("reco", tmp.Path, "--json", tmp["reco.json"]);

        Assert.Equal(3, code);
        Assert.Contains("EOT 3000", output); // both generated spills of 1500 EOT
        var lines = error.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal($"na64 reco: {fifo}: skipped: not a regular file", lines[0]);
        Assert.StartsWith($"na64 reco: {unreadable}: cannot be read: ", lines[1]);
        using var json = JsonDocument.Parse(File.ReadAllBytes(tmp["reco.json"]));
        Assert.Empty(json.RootElement.GetProperty("quarantined").EnumerateArray());
        Assert.Equal([fifo, unreadable], json.RootElement.GetProperty("unreadable").EnumerateArray().Select(u => u.GetProperty("file").GetString()));
    }

    [Fact]
    public void A_bad_conditions_file_is_one_clear_line()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp["c.json"], "{\"version\": \"x\"}");
        var (code, _, error) = CliRunner.Run(Generate(tmp["out"], "beam", 1, "--conditions", tmp["c.json"]));
        Assert.Equal(2, code);
        Assert.Contains("c.json", error);
        Assert.Contains("beam", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void A_conditions_file_with_a_null_section_or_a_key_given_twice_is_one_clear_line_for_generate_and_reco()
    {
        using var tmp = new TempFolder();
        var text = NA64.Reco.Physics.Detector.DetectorConditions.Default.SourceJson;
        File.WriteAllText(tmp["null.json"], text.Replace("\"veto\": {", "\"veto\": null, \"unused\": {", StringComparison.Ordinal));
        File.WriteAllText(tmp["twice.json"], text.Replace("\"version\": ", "\"version\": \"a\",\n  \"version\": ", StringComparison.Ordinal));
        Assert.Equal(0, CliRunner.Run(Generate(tmp["data"], "beam", 1)).Code);

        foreach (var (file, field) in new[] { ("null.json", "$.veto"), ("twice.json", "$.version") })
        foreach (var args in new[] { Generate(tmp["out"], "beam", 1, "--conditions", tmp[file]), ["reco", tmp["data"], "--conditions", tmp[file]] })
        {
            var (code, _, error) = CliRunner.Run(args);
            Assert.Equal(2, code);
            var line = Assert.Single(error.Trim().Split('\n'));
            Assert.StartsWith($"na64 {args[0]}: conditions '{tmp[file]}': field '{field}'", line);
        }
    }

    [Fact]
    public void Signal_without_mass_is_refused()
    {
        using var tmp = new TempFolder();
        var (code, _, error) = CliRunner.Run(Generate(tmp.Path, "signal", 1));
        Assert.Equal(2, code);
        Assert.Contains("--mass-mev", error);
    }
}
