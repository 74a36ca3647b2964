using System.Globalization;
using NA64.Reco.Physics.Analysis;

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
        Assert.Equal("mass_mev,efficiency,efficiency_error,yield_per_mot_per_g2,g90,g90_at_1E+12_mot,band_low,band_high", lines[0]);
        Assert.Equal(4, lines.Length);
        var anomaly = new MuonAnomaly(249e-11, 48e-11, "test");
        var masses = new[] { 1.0, 100, 1000 };
        for (var i = 0; i < masses.Length; i++)
        {
            var f = lines[i + 1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(masses[i], f[0]);
            Assert.InRange(f[1], 0.3, 1);
            // g_90 = √(N_up / (MOT · Y · eff)) with N_up ≈ 2.30 for no event and no background; projected without
            // background it scales as the inverse root of the exposure.
            Assert.InRange(f[4] * f[4] * 2e10 * f[3] * f[1], 2.30, 2.32);
            Assert.Equal(f[4] * Math.Sqrt(2e10 / 1e12), f[5], f[5] * 1e-9);
            var (low, high) = anomaly.FavouredCouplings(masses[i]);
            Assert.Equal(low, f[6]);
            Assert.Equal(high, f[7]);
        }
        var png = File.ReadAllBytes(Path.Combine(_dir.FullName, "zprime-reach.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
    }

    [Theory]
    [InlineData("--masses", "1,x", "na64 zprime-reach: --masses must be a number, got 'x'")]
    [InlineData("--mot", "-1", "na64 zprime-reach: --mot must be > 0, got -1")]
    [InlineData("--emissions", "10", "na64 zprime-reach: --emissions must be in [100, 10^7], got 10")]
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
