using System.Globalization;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Results;

namespace NA64.Reco.Cli.Tests;

public sealed class VisibleReachCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("na64-visible-reach-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args) => CliRunner.Run(["visible-reach", .. args]);

    [Fact]
    public void Writes_the_bands_the_cut_flow_and_the_plot_that_the_reach_gives()
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--setup", SetupCatalog.Visible2018, "--masses", "16.7,3", "--projected-eot", "1e12",
            "--emissions", "2000", "--seed", "7", "--background-events", "50000");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var csv = File.ReadAllText(Path.Combine(_dir.FullName, VisibleReport.BandsName));
        Assert.Equal(csv, output);
        // The same computation in process: the verb adds nothing to the physics.
        var setup = SetupCatalog.Find(SetupCatalog.Visible2018)!;
        var reach = VisibleReach.Compute(setup with { Signal = setup.Signal! with { MassesMeV = [16.7, 3], ProjectedExposures = [1e12] } }, 2000, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);
        Assert.Equal(VisibleReport.Bands(reach).Csv(), csv);
        Assert.Equal(VisibleReport.CutFlow(reach).Csv(), File.ReadAllText(Path.Combine(_dir.FullName, VisibleReport.CutFlowName)));
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("mass_mev,eot,background,observed,n_up,epsilon_low,epsilon_high,peak_epsilon,peak_events,efficiency_at_peak", lines[0]);
        Assert.Equal(VisibleReport.Background(reach).Csv(), File.ReadAllText(Path.Combine(_dir.FullName, VisibleReport.BackgroundName)));
        Assert.Equal(5, lines.Length);
        var rows = lines[1..].Select(l => l.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal([(3, 3e10), (16.7, 3e10), (3, 1e12), (16.7, 1e12)], rows.Select(r => (r[0], r[1])));
        Assert.All(rows, r => Assert.True(r[5] < r[7] && r[7] < r[6], "low < peak < high"));
        Assert.All(rows, r => Assert.InRange(r[9], 0.9, 1));
        // The background scales with the exposure; none is observed at the setup's, its median at the projection.
        Assert.Equal(rows[0][2] * 1e12 / 3e10, rows[2][2], rows[2][2] * 1e-12);
        Assert.Equal((0, Poisson.Median(rows[2][2])), ((int)rows[0][3], (int)rows[2][3]));
        var png = File.ReadAllBytes(Path.Combine(_dir.FullName, VisibleReport.PlotName));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 10_000, $"{png.Length} bytes");
    }

    [Fact]
    public void A_background_sample_too_small_for_a_limit_at_a_projection_is_one_error_line()
    {
        // 10³ events leave no background event after the cuts: their bound of zero counts at 10¹² EOT is too wide for CLs.
        var (code, output, error) = Run("--out", _dir.FullName, "--masses", "10", "--emissions", "500", "--background-events", "1000");
        Assert.Equal((2, ""), (code, output));
        var line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("na64 visible-reach: no limit at 1E+12 EOT with the background b in [0, ", line);
        Assert.EndsWith("(0 observed): CLs is undefined: P(n' <= 0 | b) underflows for this background; simulate more background events", line);
    }

    [Fact]
    public void A_setup_file_with_another_exposure_gives_what_the_eot_option_gives()
    {
        var file = Path.Combine(_dir.FullName, "mine.json");
        File.WriteAllText(file, SetupCatalog.Text(SetupCatalog.Visible2017).Replace("\"onTarget\": 5.4e10", "\"onTarget\": 2e11"));
        var fromFile = Run("--out", Path.Combine(_dir.FullName, "file"), "--setup", file, "--emissions", "500", "--masses", "10", "--background-events", "50000");
        var fromOption = Run("--out", Path.Combine(_dir.FullName, "option"), "--eot", "2e11", "--emissions", "500", "--masses", "10", "--background-events", "50000");
        Assert.Equal((0, ""), (fromFile.Code, fromFile.Error));
        Assert.Equal(fromOption, fromFile);
        Assert.StartsWith("10,200000000000,", fromFile.Output.Split('\n')[1]);
    }

    [Fact]
    public void Two_setups_give_the_band_of_their_data_together_and_each_one_s_cut_flow()
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--setup", "visible-2017, visible-2018", "--masses", "16.7",
            "--projected-eot", "none", "--emissions", "1000", "--seed", "7", "--background-events", "50000");
        Assert.Equal((0, ""), (code, error));
        Setup At(string name) => SetupCatalog.Find(name)! with { Signal = SetupCatalog.Find(name)!.Signal! with { MassesMeV = [16.7], ProjectedExposures = [] } };
        var reach = VisibleReach.Compute([At(SetupCatalog.Visible2017), At(SetupCatalog.Visible2018)], 1000, 7, new CampaignAnalysisOptions(), backgroundEvents: 50_000);
        Assert.Equal(VisibleReport.Bands(reach).Csv(), output);
        Assert.StartsWith("16.7,84000000000,", output.Split('\n')[1]);
        var flow = File.ReadAllLines(Path.Combine(_dir.FullName, VisibleReport.CutFlowName));
        Assert.Equal(VisibleReport.CutFlow(reach).Csv(), string.Join('\n', flow) + "\n");
        Assert.Equal("setup,mass_mev,epsilon,step,per_eot,fraction_of_decays", flow[0]);
        Assert.Equal([SetupCatalog.Visible2017, SetupCatalog.Visible2018], flow[1..].Select(l => l.Split(',')[0]).Distinct());
        Assert.Equal(2 * 6, flow.Length - 1);
    }

    [Theory]
    [InlineData("visible-2017,visible-2018 --eot 1e11", "na64 visible-reach: --eot takes one setup: in a combination each setup keeps its own exposure")]
    [InlineData("visible-2017,visible-2017", "na64 visible-reach: setup 'visible-2017' is given twice")]
    [InlineData("visible-2017,,visible-2018", "na64 visible-reach: --setup takes 1 to 8 comma-separated setups, got 'visible-2017,,visible-2018'")]
    [InlineData("visible-2018,na64mu-2022", "na64 visible-reach: setup 'na64mu-2022' is of the muon programme; the band needs a visible-programme setup (e.g. visible-2017)")]
    public void A_bad_combination_is_refused_in_one_line(string arguments, string line)
    {
        var words = arguments.Split(' ');
        var (code, output, error) = Run(["--out", _dir.FullName, "--emissions", "100", "--masses", "16.7", "--setup", .. words]);
        Assert.Equal((2, ""), (code, output));
        Assert.Equal(line, error.TrimEnd());
    }

    [Theory]
    [InlineData("na64mu-2022", "na64 visible-reach: setup 'na64mu-2022' is of the muon programme; the band needs a visible-programme setup (e.g. visible-2017)")]
    [InlineData("invisible-2016", "na64 visible-reach: setup 'invisible-2016' is of the invisible programme; the band needs a visible-programme setup (e.g. visible-2017)")]
    public void A_setup_of_another_programme_is_refused_in_one_line(string setup, string line)
    {
        var (code, output, error) = Run("--out", _dir.FullName, "--setup", setup);
        Assert.Equal((2, ""), (code, output));
        Assert.Equal(line, error.TrimEnd());
    }

    [Fact]
    public void A_bad_option_is_refused_in_one_line()
    {
        var (code, _, error) = Run("--out", _dir.FullName, "--masses", "10,-1");
        Assert.Equal(2, code);
        Assert.Equal("na64 visible-reach: --masses must be > 0, got -1", error.TrimEnd());
    }
}
