using System.Text.Json;

namespace NA64.Reco.Cli.Tests;

/// <summary>
/// <c>na64 run</c> of a beam campaign with a forced-dimuon sample writes dimuon.json and dimuon.png: the beam's dimuon
/// candidates against the dimuon emitter's QED expectation, whose ratio the beam MC must reproduce (the beam draws its
/// dimuons at the emitter's own rate, so the ratio is 1 up to its statistical and efficiency errors).
/// </summary>
public sealed class DimuonCrossCheckTests
{
    private const string Spec = """
        { "id": "dimuon-test", "chunk_size": 25000, "inputs": { "samples": [
          { "sample": "beam", "spills": 20, "events_per_spill": 50000, "seed": 61 },
          { "sample": "dimuon", "spills": 2, "events_per_spill": 10000, "seed": 62 } ] } }
        """;

    [Fact]
    public void A_beam_campaign_writes_the_measured_over_expected_dimuon_yield_consistent_with_one()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp["spec.json"], Spec);
        var (code, _, error) = CliRunner.Run("run", tmp["spec.json"], "--out", tmp["out"], "--cmd-port", "-1");
        Assert.True(code == 0, error);

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tmp["out"], "dimuon.json")));
        var d = doc.RootElement;
        Assert.Equal("na64.dimuon/1", d.GetProperty("schema").GetString());
        Assert.Equal("dimuon-test", d.GetProperty("campaign").GetString());
        Assert.Equal(1_000_000, d.GetProperty("reference").GetProperty("eot").GetInt64());
        var rate = d.GetProperty("expectation").GetProperty("pairs_per_eot").GetDouble();
        Assert.InRange(rate, 5e-5, 8e-5);
        var spectrum = d.GetProperty("expectation").GetProperty("pair_energy_spectrum").EnumerateArray().Sum(b => b.GetProperty("pairs_per_eot").GetDouble());
        Assert.Equal(rate, spectrum, rate * 1e-12);

        var efficiency = d.GetProperty("efficiency");
        Assert.Equal(["dimuon"], efficiency.GetProperty("samples").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(20_000, efficiency.GetProperty("events").GetInt64());
        var eff = efficiency.GetProperty("value").GetDouble();
        Assert.Equal(efficiency.GetProperty("selected").GetInt64() / 20_000.0, eff, 15);
        Assert.InRange(eff, 0.05, 0.95);

        // The beam MC's candidates are its true dimuons: nothing else gives two MIPs in every HCAL module.
        var selected = d.GetProperty("selected").GetInt64();
        Assert.True(selected >= 5, $"{selected} candidates");
        Assert.Equal(selected, d.GetProperty("selected_true_dimuons").GetInt64());
        var expected = d.GetProperty("expected").GetDouble();
        Assert.Equal(1_000_000 * d.GetProperty("reference").GetProperty("nominal_electron_fraction").GetDouble() * rate * eff, expected, expected * 1e-12);
        var ratio = d.GetProperty("ratio").GetDouble();
        var ratioError = d.GetProperty("ratio_error").GetDouble();
        Assert.Equal(selected / expected, ratio, 1e-12);
        Assert.True(ratioError > d.GetProperty("ratio_stat_error").GetDouble());
        Assert.True(Math.Abs(ratio - 1) < 3 * ratioError, $"ratio {ratio} ± {ratioError}");
        Assert.Equal(JsonValueKind.Null, d.GetProperty("ratio_upper_90").ValueKind);
        var bins = d.GetProperty("ecal_spectrum").GetProperty("bins").EnumerateArray().ToArray();
        Assert.Equal(32, bins.Length);
        Assert.Equal(selected, bins.Sum(b => b.GetProperty("selected").GetInt64()));

        Assert.True(new FileInfo(Path.Combine(tmp["out"], "dimuon.png")).Length > 10_000);
        var report = File.ReadAllText(Path.Combine(tmp["out"], "report.html"));
        Assert.Contains("id=\"dimuon-ratio\"", report, StringComparison.Ordinal);
    }
}
