using NA64.Reco.Physics.Setups;

namespace NA64.Reco.Cli.Tests;

public sealed class SetupsCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("na64-setups-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Without_an_argument_it_lists_every_built_in_with_its_programme_and_id()
    {
        var (code, output, error) = CliRunner.Run("setups");
        Assert.Equal("", error);
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(SetupCatalog.Names.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var setup = SetupCatalog.Find(SetupCatalog.Names[i])!;
            var fields = lines[i].Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([setup.Name, setup.Programme.ToString().ToLowerInvariant(), setup.Id], fields[..3]);
        }
    }

    [Fact]
    public void A_built_in_name_prints_its_document_which_loads_back_as_the_same_setup()
    {
        var (code, output, error) = CliRunner.Run("setups", SetupCatalog.Na64Mu2022);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal(SetupCatalog.Text(SetupCatalog.Na64Mu2022), output);
        var file = Path.Combine(_dir.FullName, "copy.json");
        File.WriteAllText(file, output);
        Assert.Equal(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!.Id, Setup.Load(file).Id);
    }

    [Fact]
    public void A_file_is_checked_and_named_by_its_id_and_its_conditions()
    {
        var file = Path.Combine(_dir.FullName, "mine.json");
        File.WriteAllText(file, SetupCatalog.Text(SetupCatalog.Na64Mu2022)
            .Replace("\"setup\": \"na64mu-2022\"", "\"setup\": \"na64mu-mine\"")
            .Replace("\"onTarget\": 1.98e10", "\"onTarget\": 4e10"));
        var loaded = Setup.Load(file);
        var (code, output, error) = CliRunner.Run("setups", file);
        Assert.Equal("", error);
        Assert.Equal(0, code);
        Assert.Equal($"na64mu-mine: muon programme, setup {loaded.Id}, conditions {loaded.Conditions.Id}\n", output);
        Assert.StartsWith("na64mu-mine-2#", loaded.Id);
        Assert.NotEqual(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!.Id, loaded.Id);
    }

    [Fact]
    public void A_bad_file_is_one_line_naming_the_file_and_the_field()
    {
        var file = Path.Combine(_dir.FullName, "bad.json");
        File.WriteAllText(file, SetupCatalog.Text(SetupCatalog.Na64Mu2022).Replace("\"particle\": \"mu-\"", "\"particle\": \"e-\""));
        var (code, output, error) = CliRunner.Run("setups", file);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.StartsWith($"na64 setups: setup '{file}': field 'beam.particle': ", line);
    }

    [Fact]
    public void An_unknown_name_lists_the_built_ins()
    {
        var (code, output, error) = CliRunner.Run("setups", "visible-2016");
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"na64 setups: setup 'visible-2016': field '(file)': no such file, and no built-in setup of that name ({string.Join(", ", SetupCatalog.Names)})", error.TrimEnd());
    }
}
