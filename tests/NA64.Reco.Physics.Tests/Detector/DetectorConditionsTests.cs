using System.Text;
using System.Text.Json.Nodes;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Tests.Detector;

public sealed class DetectorConditionsTests
{
    private static string DefaultJson()
    {
        using var s = typeof(DetectorConditions).Assembly.GetManifestResourceStream("NA64.Reco.Physics.conditions-default.json")!;
        return new StreamReader(s).ReadToEnd();
    }

    private static ConditionsException LoadEdited(Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(DefaultJson())!;
        edit(node);
        return Assert.Throws<ConditionsException>(() => DetectorConditions.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()), "edited.json"));
    }

    [Fact]
    public void Default_has_the_values_of_physics_md()
    {
        var c = DetectorConditions.Default;
        Assert.Equal(100.0, c.Beam.EnergyGeV);
        Assert.Equal(0.01, c.Beam.MomentumSpread);
        Assert.Equal(4, c.Micromegas.Stations.Length);
        Assert.Equal(320, c.Micromegas.Strips);
        Assert.Equal(64, c.Micromegas.Channels);
        Assert.Equal(5, c.Micromegas.MultiplexingFactor);
        Assert.Equal(7.0, c.Magnet.FieldIntegralTm);
        Assert.Equal(36, c.Ecal.Cells);
        Assert.Equal(38.2, c.Ecal.CellMm);
        Assert.Equal(9, c.Hcal.CellsPerModule);
        Assert.Equal(50.0, c.Cuts.SignalEcalMaxGeV);
        Assert.Equal(5e6, c.Beam.ParticlesPerSpill);
        Assert.Empty(c.Ecal.DeadCells);
        Assert.Empty(c.Hcal.HotCells);
        Assert.True(c.Processes.EcalPhotoNuclear);
        Assert.StartsWith("na64-invisible-default-6#", c.Id);
        Assert.Equal(12, c.Id.Split('#')[1].Length);
    }

    [Theory]
    [InlineData("beam", "particlesPerSpill", -1.0, "beam.particlesPerSpill")]
    [InlineData("srd", "xMaxMm", 10.0, "srd.xMaxMm")]
    [InlineData("srd", "deltaRayPerModule", 1.5, "srd.deltaRayPerModule")]
    [InlineData("srd", "deltaRayMaxMeV", 0.5, "srd.deltaRayMaxMeV")]
    [InlineData("srd", "readoutWindowNs", 0.0, "srd.readoutWindowNs")]
    [InlineData("ecal", "pulseHalfWidthNs", 0.0, "ecal.pulseHalfWidthNs")]
    [InlineData("ecal", "noiseTailFraction", 2.0, "ecal.noiseTailFraction")]
    [InlineData("hcal", "noiseTailFactor", 0.5, "hcal.noiseTailFactor")]
    [InlineData("veto", "pulseHalfWidthNs", -3.0, "veto.pulseHalfWidthNs")]
    public void A_pile_up_or_noise_field_out_of_range_is_named(string section, string key, double value, string field)
    {
        var e = LoadEdited(n => n[section]![key] = value);
        Assert.Equal(field, e.Field);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_dead_or_hot_cell_outside_the_detector_or_listed_twice_is_named_by_its_index()
    {
        var outside = LoadEdited(n => n["ecal"]!["deadCells"] = new JsonArray(3, 36));
        Assert.Equal("ecal.deadCells[1]", outside.Field);
        Assert.Contains("[0, 35]", outside.Reason);
        var twice = LoadEdited(n => n["hcal"]!["hotCells"] = new JsonArray(5, 7, 5));
        Assert.Equal("hcal.hotCells[2]", twice.Field);
        Assert.Contains("listed twice", twice.Reason);
    }

    [Fact]
    public void The_removed_accidental_fields_are_refused_by_name()
    {
        var e = LoadEdited(n => n["srd"]!["accidentalProbability"] = 0.01);
        Assert.Contains("accidentalProbability", e.Message);
    }

    [Fact]
    public void Magnet_field_matches_the_quoted_1_46_tesla()
    {
        Assert.Equal(1.458, DetectorConditions.Default.Magnet.FieldT, 3);
    }

    [Fact]
    public void Missing_field_is_named()
    {
        var e = LoadEdited(n => n["ecal"]!.AsObject().Remove("noiseMeV"));
        Assert.Equal("edited.json", e.File);
        Assert.Contains("noiseMeV", e.Message);
    }

    [Fact]
    public void Out_of_range_field_is_named_by_its_path()
    {
        var e = LoadEdited(n => n["micromegas"]!["efficiency"] = 1.5);
        Assert.Equal("micromegas.efficiency", e.Field);
        Assert.Contains("1.5", e.Reason);
    }

    [Fact]
    public void Unknown_field_is_rejected()
    {
        var e = LoadEdited(n => n["cuts"]!["hcalMaxGev"] = 1.0);
        Assert.Contains("hcalMaxGev", e.Message);
    }

    [Fact]
    public void Negative_cut_is_rejected()
    {
        var e = LoadEdited(n => n["cuts"]!["hcalMaxGeV"] = -1.0);
        Assert.Equal("cuts.hcalMaxGeV", e.Field);
    }

    [Fact]
    public void Ambiguous_multiplexing_map_is_rejected()
    {
        var e = LoadEdited(n =>
        {
            // Wire group 1 like group 0: every channel still reads 5 strips, but pairs repeat.
            var map = n["micromegas"]!["stripToChannel"]!.AsArray();
            for (var k = 0; k < 64; k++) map[64 + k] = k;
        });
        Assert.StartsWith("micromegas.stripToChannel", e.Field);
        Assert.Contains("ambiguous", e.Reason);
    }

    [Fact]
    public void Default_multiplexing_map_is_unambiguous()
    {
        var map = MultiplexingMap.CreateDefault(320, 64, 5);
        Assert.Equal(DetectorConditions.Default.Micromegas.StripToChannel, map);
    }

    [Fact]
    public void Unreadable_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<ConditionsException>(() => DetectorConditions.Load("/nonexistent/conditions.json"));
        Assert.Equal("/nonexistent/conditions.json", e.File);
    }

    [Fact]
    public void Syntax_error_is_reported_with_position()
    {
        var e = Assert.Throws<ConditionsException>(() => DetectorConditions.Parse("{\"version\": "u8, "broken.json"));
        Assert.Equal("broken.json", e.File);
    }
}
