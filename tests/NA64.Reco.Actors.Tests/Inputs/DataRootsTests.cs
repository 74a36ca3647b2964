using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Actors.Tests.Support;

namespace NA64.Reco.Actors.Tests.Inputs;

/// <summary>
/// Raw inputs confined to data roots: paths are followed through '..' and links to where they really lead before the
/// check, files found in a listed folder are checked one by one, and a node without roots takes no raw inputs.
/// </summary>
public sealed class DataRootsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;
    private readonly string _outside;

    public DataRootsTests()
    {
        _root = Directory.CreateDirectory(_dir.File("root")).FullName;
        _outside = Directory.CreateDirectory(_dir.File("outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "run1"));
        File.WriteAllText(Path.Combine(_root, "run1", "s1.na64raw"), "1 1 100 10");
        File.WriteAllText(Path.Combine(_outside, "secret.na64raw"), "1 2 100 10");
    }

    [Fact]
    public void A_path_under_a_root_resolves_to_its_real_path_and_one_outside_is_refused_by_field()
    {
        var roots = DataRoots.Of([_root]);

        Assert.Equal(Path.Combine(_root, "run1"), roots.Resolve("run1", null, "c", "inputs.raw[0]"));
        Assert.Equal(Path.Combine(_root, "run1"), roots.Resolve(Path.Combine(_root, "run1", "..", "run1"), null, "c", "inputs.raw[0]"));
        var escape = Assert.Throws<CampaignSpecException>(() => roots.Resolve("../outside", null, "c", "inputs.raw[1]"));
        Assert.Equal("inputs.raw[1]", escape.Field);
        Assert.Equal($"campaign spec c: inputs.raw[1]: '../outside' (really '{_outside}') is outside the data roots ({_root}; --data-root or NA64_DATA_ROOTS adds one)", escape.Message);
        Assert.Throws<CampaignSpecException>(() => roots.Resolve("/proc", null, "c", "inputs.raw[0]"));
        Assert.Throws<CampaignSpecException>(() => roots.Resolve("/", null, "c", "inputs.raw[0]"));
        // A sibling whose name starts like the root is not under it.
        var sibling = Directory.CreateDirectory(_root + "-other").FullName;
        Assert.Throws<CampaignSpecException>(() => roots.Resolve(sibling, null, "c", "inputs.raw[0]"));
    }

    [Fact]
    public void A_link_inside_a_root_is_followed_to_where_it_leads()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "to-outside"), _outside);
        Directory.CreateSymbolicLink(Path.Combine(_root, "to-run1"), Path.Combine(_root, "run1"));
        File.CreateSymbolicLink(Path.Combine(_root, "run1", "s9.na64raw"), Path.Combine(_outside, "secret.na64raw"));
        var roots = DataRoots.Of([_root]);

        var folderLink = Assert.Throws<CampaignSpecException>(() => CampaignPlan.Expand(Raw("to-outside"), _root, new TestCatalog(), roots));
        Assert.Contains($"(really '{_outside}') is outside the data roots", folderLink.Reason);
        // The folder is inside, one file in it is a link that leads out: the whole spec is refused, naming the file.
        var fileLink = Assert.Throws<CampaignSpecException>(() => CampaignPlan.Expand(Raw("run1"), _root, new TestCatalog(), roots));
        Assert.Equal($"'{Path.Combine(_root, "run1", "s9.na64raw")}' (really '{Path.Combine(_outside, "secret.na64raw")}') is outside the data roots ({_root}; --data-root or NA64_DATA_ROOTS adds one)", fileLink.Reason);
        File.Delete(Path.Combine(_root, "run1", "s9.na64raw"));
        // A link that stays inside is fine.
        Assert.Equal(["s1"], CampaignPlan.Expand(Raw("to-run1"), _root, new TestCatalog(), roots).Spills.Select(s => s.SpillId));
    }

    [Fact]
    public void Relative_paths_of_a_submitter_without_a_folder_resolve_under_the_first_root()
    {
        var second = Directory.CreateDirectory(_dir.File("second")).FullName;
        var roots = DataRoots.Of([_root, second]);

        var plan = CampaignPlan.Expand(Raw("run1"), null, new TestCatalog(), roots);

        Assert.Equal(Path.Combine(_root, "run1", "s1.na64raw"), plan.Spills.Single().Path);
        Assert.Equal([_root, second], roots.Roots);
    }

    [Fact]
    public void Without_a_root_no_raw_input_is_taken_and_a_missing_root_is_a_configuration_error()
    {
        var none = DataRoots.Of([]);

        var refused = Assert.Throws<CampaignSpecException>(() => CampaignPlan.Expand(Raw(Path.Combine(_root, "run1")), null, new TestCatalog(), none));
        Assert.Contains("this node takes no raw inputs", refused.Reason);
        Assert.Equal("--data-root '/nonexistent/na64': no such folder", Assert.Throws<ArgumentException>(() => DataRoots.Of(["/nonexistent/na64"])).Message);
        // MC campaigns read no raw input: no root needed.
        Assert.Single(CampaignPlan.Expand(CampaignSpec.Parse("""{"id":"mc","inputs":{"samples":[{"sample":"beam","spills":1,"events_per_spill":1,"seed":1}]}}"""u8, "s"), null, new TestCatalog(), none).Spills);
    }

    [Fact]
    public void Real_paths_follow_chains_of_relative_links_and_stop_on_a_loop()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "a"), "run1");
        Directory.CreateSymbolicLink(Path.Combine(_root, "b"), "a");
        File.CreateSymbolicLink(Path.Combine(_root, "loop1"), "loop2");
        File.CreateSymbolicLink(Path.Combine(_root, "loop2"), "loop1");

        Assert.Equal(Path.Combine(_root, "run1", "s1.na64raw"), RealPath.Of(Path.Combine(_root, "b", "s1.na64raw")));
        Assert.Equal(Path.Combine(_root, "run1", "missing"), RealPath.Of(Path.Combine(_root, "b", "missing")));
        Assert.Throws<IOException>(() => RealPath.Of(Path.Combine(_root, "loop1")));
    }

    [Fact]
    public void A_campaign_beyond_the_limits_is_refused_naming_the_limit()
    {
        var limits = new CampaignLimits(MaxSpills: 10, MaxEvents: 1000);
        CampaignPlan Mc(int spills, int events) => CampaignPlan.Expand(CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"id":"big","inputs":{"samples":[{"sample":"beam","spills":{{{spills}}},"events_per_spill":{{{events}}},"seed":1}]}}"""), "s"), null);

        limits.Check(Mc(10, 100));
        Assert.Equal("campaign spec big: inputs: 11 spills in all; this campaign service admits at most 10 per campaign (--max-campaign-spills)",
            Assert.Throws<CampaignSpecException>(() => limits.Check(Mc(11, 1))).Message);
        Assert.Equal("campaign spec big: inputs.samples: 1010 events in all (spills x events_per_spill); this campaign service admits at most 1000 per campaign (--max-campaign-events)",
            Assert.Throws<CampaignSpecException>(() => limits.Check(Mc(10, 101))).Message);
    }

    private static CampaignSpec Raw(string path) =>
        CampaignSpec.Parse(System.Text.Encoding.UTF8.GetBytes($$$"""{"id":"raw","inputs":{"raw":[{{{System.Text.Json.JsonSerializer.Serialize(path)}}}]}}"""), "spec.json");

    public void Dispose() => _dir.Dispose();
}
