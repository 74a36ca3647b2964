using System.Globalization;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Cli.Tests;

public sealed class ZPrimeReachCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("na64-zprime-reach-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(["zprime-reach", .. args]);

    [Fact]
    public void Writes_the_limits_the_projections_and_the_band_per_mass()
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--masses", "1,100,1000", "--mot", "2e10", "--projected-mot", "1e12",
            "--emissions", "2000", "--seed", "7", "--delta-a-mu", "249e-11", "--delta-a-mu-sigma", "48e-11");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var csv = File.ReadAllText(Path.Combine(_dir.FullName, "zprime-reach.csv"));
        Assert.Equal(csv, output);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("mass_mev,efficiency,efficiency_error,yield_per_mot_per_g2,mot,observed,background,background_upper,g90,g90_at_1E+12_mot,band_low,band_high", lines[0]);
        Assert.Equal(4, lines.Length);
        var anomaly = new MuonAnomaly(249e-11, 48e-11, "test");
        var masses = new[] { 1.0, 100, 1000 };
        for (var i = 0; i < masses.Length; i++)
        {
            var f = lines[i + 1].Split(',').Select(x => x.Length == 0 ? double.NaN : double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(masses[i], f[0]);
            Assert.InRange(f[1], 0.2, 1);
            // g_90 = √(N_up / (MOT · Y · eff)) with N_up ≈ 2.30 for no event and no background; projected without
            // background it scales as the inverse root of the exposure.
            // The reach from the models: at its exposure, no event observed and no background (the upper bound empty).
            Assert.Equal((2e10, 0, 0), (f[4], f[5], f[6]));
            Assert.True(double.IsNaN(f[7]));
            Assert.InRange(f[8] * f[8] * 2e10 * f[3] * f[1], 2.30, 2.32);
            Assert.Equal(f[8] * Math.Sqrt(2e10 / 1e12), f[9], f[9] * 1e-9);
            var (low, high) = anomaly.FavouredCouplings(masses[i]);
            Assert.Equal(low, f[10]);
            Assert.Equal(high, f[11]);
        }
        var png = File.ReadAllBytes(Path.Combine(_dir.FullName, "zprime-reach.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
    }

    [Fact]
    public void A_setup_file_with_another_exposure_gives_what_the_mot_option_gives()
    {
        var file = Path.Combine(_dir.FullName, "mine.json");
        File.WriteAllText(file, SetupCatalog.Text(SetupCatalog.Na64Mu2022).Replace("\"onTarget\": 1.98e10", "\"onTarget\": 4e10"));
        var fromFile = Run("--out", Path.Combine(_dir.FullName, "file"), "--setup", file, "--emissions", "500", "--masses", "10,200");
        var fromOption = Run("--out", Path.Combine(_dir.FullName, "option"), "--mot", "4e10", "--emissions", "500", "--masses", "10,200");
        var builtIn = Run("--out", Path.Combine(_dir.FullName, "built-in"), "--emissions", "500", "--masses", "10,200");
        Assert.Equal((0, ""), (fromFile.Code, fromFile.Error));
        Assert.Equal(fromOption, fromFile);
        Assert.NotEqual(builtIn.Output, fromFile.Output);
    }

    [Fact]
    public void The_cut_flow_lists_each_cut_of_the_setup_in_order_for_each_mass_and_the_beam()
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--emissions", "500", "--masses", "1,1000");
        Assert.Equal((0, ""), (code, error));
        var reach = output.TrimEnd('\n').Split('\n')[1..].Select(l => l.Split(',')).ToArray();
        var flow = File.ReadAllText(Path.Combine(_dir.FullName, "zprime-cutflow.csv")).TrimEnd('\n').Split('\n');
        Assert.Equal("sample,mass_mev,cut,passed,fraction", flow[0]);
        string[] cuts = ["simulated", .. SetupCatalog.Find(SetupCatalog.Na64Mu2022)!.Selection.Select(c => c.Cut)];
        Assert.Equal(1 + 3 * cuts.Length, flow.Length);
        for (var m = 0; m < 3; m++)
        {
            var rows = flow[(1 + m * cuts.Length)..(1 + (m + 1) * cuts.Length)].Select(l => l.Split(',')).ToArray();
            var beam = m == 2;
            Assert.All(rows, r => Assert.Equal((beam ? "muon" : "zprime", beam ? "" : reach[m][0]), (r[0], r[1])));
            Assert.Equal(cuts, rows.Select(r => r[2]));
            Assert.Equal(("500", "1"), (rows[0][3], rows[0][4]));
            var passed = rows.Select(r => int.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
            for (var k = 1; k < passed.Length; k++) Assert.True(passed[k] <= passed[k - 1], string.Join(",", passed));
            Assert.Equal(passed[^1] / 500.0, double.Parse(rows[^1][4], CultureInfo.InvariantCulture));
            if (beam)
            {
                // Beam muons keep their momentum: the outgoing-momentum cut removes nearly all, and none passes every cut.
                Assert.True(passed[2] < 10, string.Join(",", passed));
                Assert.Equal(0, passed[^1]);
                continue;
            }
            Assert.True(passed[^1] < passed[2], "the quiet-calorimeter cuts remove some events");
            Assert.Equal(reach[m][1], rows[^1][4]);
        }
    }

    [Fact]
    public void A_setup_of_another_programme_is_refused_in_one_line()
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--setup", SetupCatalog.Invisible2016);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"na64 zprime-reach: setup '{SetupCatalog.Invisible2016}' is of the invisible programme; the reach needs a muon-programme setup (e.g. {SetupCatalog.Na64Mu2022})", error.TrimEnd());
        Assert.Empty(_dir.GetFileSystemInfos());
    }

    [Theory]
    [InlineData("--masses", "1,x", "na64 zprime-reach: --masses must be a number, got 'x'")]
    [InlineData("--mot", "-1", "na64 zprime-reach: --mot must be > 0, got -1")]
    [InlineData("--emissions", "10", "na64 zprime-reach: --emissions must be an integer in [100, 10000000], got 10")]
    [InlineData("--seed", "-3", "na64 zprime-reach: --seed must be an unsigned integer, got '-3'")]
    public void Bad_input_is_one_line_naming_the_option(string option, string value, string message)
    {
        var (code, output, error) = Run("--out", _dir.FullName, option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(message, error.TrimEnd());
        Assert.Empty(_dir.GetFiles());
    }
}
