using System.Text;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Actors.Tests;

public sealed class CampaignSpecTests
{
    private const string Mc = """
        {
          "id": "mc-1",
          "chunk_size": 2500,
          "snapshot_every": 5,
          "inputs": {
            "samples": [
              { "sample": "beam", "spills": 3, "events_per_spill": 5000, "seed": 42 },
              { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 2, "events_per_spill": 1000, "seed": 7, "run": 3 }
            ]
          }
        }
        """;

    private static CampaignSpec Parse(string json) => CampaignSpec.Parse(Encoding.UTF8.GetBytes(json), "spec.json");

    [Fact]
    public void A_setup_given_under_either_key_is_the_same_campaign_and_is_written_back_under_its_key()
    {
        const string spec = """{"id":"s","KEY":"invisible-2016","inputs":{"samples":[{"sample":"beam","spills":1,"events_per_spill":10,"seed":1}]}}""";
        var setup = Parse(spec.Replace("KEY", "setup", StringComparison.Ordinal));
        var conditions = Parse(spec.Replace("KEY", "conditions", StringComparison.Ordinal));
        Assert.Equal((CampaignSpec.SetupField, CampaignSpec.ConditionsField), (setup.ConditionsKey, conditions.ConditionsKey));
        Assert.Equal(conditions.Hash, setup.Hash);
        Assert.Contains("\"setup\": \"invisible-2016\"", setup.ToJson());
        var back = Parse(setup.ToJson());
        Assert.Equal((setup.ConditionsKey, setup.Hash), (back.ConditionsKey, back.Hash));
        Assert.Equal(setup.ConditionsPath, back.ConditionsPath);
    }

    [Fact]
    public void Muon_programme_samples_are_named_by_kind_and_mass_and_written_back_as_given()
    {
        var spec = Parse("""{"id":"m","setup":"na64mu-2022","inputs":{"samples":[{"sample":"muon","spills":2,"events_per_spill":10,"seed":1},{"sample":"zprime","mass_mev":16.5,"spills":1,"events_per_spill":10,"seed":2}]}}""");
        Assert.Equal(new[] { "muon", "zprime-16.5MeV" }, spec.Samples.Select(s => s.Name));
        Assert.Equal((SampleKind.ZPrime, 16.5, 0.0), (spec.Samples[1].Kind, spec.Samples[1].MassMeV, spec.Samples[1].Epsilon));
        var back = Parse(spec.ToJson());
        Assert.Equal(spec.Hash, back.Hash);
        Assert.DoesNotContain("epsilon", spec.ToJson());
        // The spec's inputs against its setup: the muon setup takes them, the invisible one refuses them by input.
        spec.CheckProgramme(SetupCatalog.Find(SetupCatalog.Na64Mu2022)!, "spec.json");
        var e = Assert.Throws<CampaignSpecException>(() => spec.CheckProgramme(SetupCatalog.Find(SetupCatalog.Invisible2016)!, "spec.json"));
        Assert.Contains("inputs.samples[0].sample: 'muon' is a sample of the muon programme", e.Message);
    }

    [Fact]
    public void An_MC_spec_expands_into_spills_in_spec_order_with_stable_ids()
    {
        var spec = Parse(Mc);
        var plan = CampaignPlan.Expand(spec, "/tmp");

        Assert.Equal(2500, spec.ChunkSize);
        Assert.Equal(5, spec.SnapshotEvery);
        Assert.Equal(["beam-r1-s00000", "beam-r1-s00001", "beam-r1-s00002", "signal-16.7MeV-r3-s00000", "signal-16.7MeV-r3-s00001"],
            plan.Spills.Select(s => s.SpillId));
        Assert.Equal([0, 1, 2, 3, 4], plan.Spills.Select(s => s.Ordinal));
        var signal = plan.Spills[4];
        Assert.Equal(new SampleDescriptor(SampleKind.Signal, 16.7, 1e-4, 7), signal.Sample);
        Assert.Equal(3, signal.Run);
        Assert.Equal(1, signal.Spill);
        Assert.Equal(1000, signal.Events);
        Assert.Null(signal.Path);
        Assert.Equal(["beam", "signal-16.7MeV"], plan.SampleNames);
    }

    [Fact]
    public void The_hash_ignores_layout_and_defaults_but_not_content()
    {
        var compact = """{"inputs":{"samples":[{"seed":42,"sample":"beam","spills":3,"events_per_spill":5000,"run":1},{"sample":"signal","mass_mev":16.7,"epsilon":0.0001,"spills":2,"events_per_spill":1000,"seed":7,"run":3}]},"snapshot_every":5,"chunk_size":2500,"id":"mc-1"}""";
        Assert.Equal(Parse(Mc).Hash, Parse(compact).Hash);
        Assert.Equal(64, Parse(Mc).Hash.Length);
        Assert.NotEqual(Parse(Mc).Hash, Parse(Mc.Replace("\"seed\": 42", "\"seed\": 43")).Hash);
        Assert.NotEqual(Parse(Mc).Hash, Parse(Mc.Replace("2500", "2000")).Hash);
    }

    [Fact]
    public void The_analysis_is_part_of_the_spec_and_of_its_hash_only_when_it_is_not_the_default()
    {
        var withAnalysis = Mc.Replace("\"snapshot_every\": 5,", "\"snapshot_every\": 5, \"analysis\": ANALYSIS,", StringComparison.Ordinal);
        string With(string analysis) => withAnalysis.Replace("ANALYSIS", analysis, StringComparison.Ordinal);

        Assert.Equal(new CampaignAnalysisOptions().Method, Parse(Mc).Analysis.Method);
        // Spelling out the defaults is the same spec: the hash of every spec written before the section existed holds.
        Assert.Equal(Parse(Mc).Hash, Parse(With("{}")).Hash);
        Assert.Equal(Parse(Mc).Hash, Parse(With("""{"method": "cls", "eot_uncertainty": 0.02, "projected_eot": [1e12, 5e12], "max_projected_background": 100}""")).Hash);
        Assert.DoesNotContain("analysis", Parse(Mc).Canonical(), StringComparison.Ordinal);

        // Without yield_uncertainty the systematic is the theory model's per mass; a number is a flat override, another analysis.
        Assert.Null(Parse(Mc).Analysis.YieldRelativeUncertainty);
        var flat = Parse(With("""{"yield_uncertainty": 0.1}"""));
        Assert.Equal(0.1, flat.Analysis.YieldRelativeUncertainty);
        Assert.NotEqual(Parse(Mc).Hash, flat.Hash);
        Assert.Equal(flat.Hash, Parse(flat.ToJson()).Hash);
        Assert.Equal(0.1, Parse(flat.ToJson()).Analysis.YieldRelativeUncertainty);

        // The signal-scale prior: log-normal unless the spec asks for the truncated Gaussian.
        Assert.Equal(SignalScalePrior.LogNormal, Parse(Mc).Analysis.SignalPrior);
        Assert.Equal(Parse(Mc).Hash, Parse(With("""{"signal_prior": "lognormal"}""")).Hash);
        var gaussian = Parse(With("""{"signal_prior": "gaussian"}"""));
        Assert.Equal(SignalScalePrior.TruncatedGaussian, gaussian.Analysis.SignalPrior);
        Assert.NotEqual(Parse(Mc).Hash, gaussian.Hash);
        Assert.Equal(SignalScalePrior.TruncatedGaussian, Parse(gaussian.ToJson()).Analysis.SignalPrior);
        var bad = Assert.Throws<CampaignSpecException>(() => Parse(With("""{"signal_prior": "flat"}""")));
        Assert.Contains("analysis.signal_prior", bad.Message, StringComparison.Ordinal);

        var fc = Parse(With("""{"method": "fc", "projected_eot": [2e11]}"""));
        Assert.Equal(LimitMethod.FeldmanCousins, fc.Analysis.Method);
        Assert.Equal([2e11], fc.Analysis.ProjectedEot);
        Assert.NotEqual(Parse(Mc).Hash, fc.Hash);
        Assert.NotEqual(fc.Hash, Parse(With("""{"method": "fc", "projected_eot": []}""")).Hash);
        Assert.NotEqual(fc.Hash, Parse(With("""{"method": "fc", "projected_eot": [2e11], "eot_uncertainty": 0.05}""")).Hash);

        // What the manager replies with (ToJson) parses back to the same analysis and hash.
        var back = Parse(fc.ToJson());
        Assert.Equal(fc.Hash, back.Hash);
        Assert.Equal(LimitMethod.FeldmanCousins, back.Analysis.Method);
        Assert.Equal([2e11], back.Analysis.ProjectedEot);
    }

    [Fact]
    public void The_example_specs_parse()
    {
        var files = Directory.GetFiles(Path.Combine(Repository.Root, "examples"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files) CampaignSpec.Parse(File.ReadAllBytes(file), Path.GetFileName(file));
        var kaon = CampaignSpec.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "background-kaon-decays.json")), "background-kaon-decays.json");
        Assert.Equal(["beam", "kaon-bias1e12"], kaon.Samples.Select(x => x.Name));
        var electroNuclear = CampaignSpec.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "background-electro-nuclear.json")), "background-electro-nuclear.json");
        Assert.Equal(["beam", "beam-bias1e7"], electroNuclear.Samples.Select(x => x.Name));
        var table = CampaignSpec.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "background-invisible.json")), "background-invisible.json");
        Assert.Equal(["beam", "beam-bias1e7", "kaon-bias1e12", "electron-bias1e4", "dimuon"], table.Samples.Select(x => x.Name));
        var photoNuclear = CampaignSpec.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "background-photo-nuclear.json")), "background-photo-nuclear.json");
        Assert.Equal(["beam", "electron-bias1e4"], photoNuclear.Samples.Select(x => x.Name));
        Assert.Equal(SampleKind.Electron, photoNuclear.Samples[1].Descriptor.Kind);
        var visible = CampaignSpec.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "examples", "visible-2018.json")), "visible-2018.json");
        Assert.Equal([.. SetupCatalog.Find(SetupCatalog.Visible2018)!.Signal!.MassesMeV.Select(m => $"x-{m.ToString(System.Globalization.CultureInfo.InvariantCulture)}MeV"), "k0s-pi0pi0", "k0s-pipi"],
            visible.Samples.Select(x => x.Name));
        Assert.Equal([SampleKind.KaonShortNeutral, SampleKind.KaonShortCharged], visible.Samples.Skip(12).Select(x => x.Kind));
        Assert.Equal(visible.Hash, Parse(visible.ToJson()).Hash);
    }

    [Fact]
    public void A_bias_names_its_sample_and_is_part_of_the_hash_only_when_it_biases()
    {
        const string kaons = """{"id":"k","inputs":{"samples":[{"sample":"kaon","spills":2,"events_per_spill":100,"seed":5},{"sample":"kaon","bias":BIAS,"spills":2,"events_per_spill":100,"seed":6}]}}""";
        var spec = Parse(kaons.Replace("BIAS", "1e9", StringComparison.Ordinal));
        Assert.Equal(["kaon", "kaon-bias1e9"], spec.Samples.Select(x => x.Name));
        Assert.Equal(1e9, spec.Samples[1].Descriptor.Bias);
        Assert.Equal(1, spec.Samples[0].Descriptor.Bias);
        Assert.Equal(spec.Hash, Parse(spec.ToJson()).Hash);
        Assert.NotEqual(spec.Hash, Parse(kaons.Replace("BIAS", "1e8", StringComparison.Ordinal)).Hash);
        // "bias": 1 is the unbiased sample: the same canonical form and hash as without the field.
        const string one = """{"id":"k","inputs":{"samples":[{"sample":"kaon"BIAS,"spills":2,"events_per_spill":100,"seed":6}]}}""";
        var unbiased = Parse(one.Replace("BIAS", ",\"bias\":1", StringComparison.Ordinal));
        Assert.Equal(Parse(one.Replace("BIAS", "", StringComparison.Ordinal)).Hash, unbiased.Hash);
        Assert.Equal("kaon", unbiased.Samples[0].Name);
        Assert.DoesNotContain("bias", unbiased.Canonical(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"inputs":{"samples":[]}}""", "id", "required")]
    [InlineData("""{"id":"a b","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"..","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":".","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":".hidden","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"a/b","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"..\\b","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"-rf","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"a123456789b123456789c123456789d123456789e123456789f123456789g1234","inputs":{"raw":["x"]}}""", "id", "letters")]
    [InlineData("""{"id":"a","inputs":{}}""", "inputs", "exactly one")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"],"samples":[{"sample":"beam","spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs", "exactly one")]
    [InlineData("""{"id":"a","chunk_size":0,"inputs":{"raw":["x"]}}""", "chunk_size", "[1, 10000000]")]
    [InlineData("""{"id":"a","chunksize":10,"inputs":{"raw":["x"]}}""", "chunksize", "unknown field")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"tau","spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].sample", "not one of")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"signal","epsilon":1e-4,"spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].mass_mev", "required")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"beam","mass_mev":5,"spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0]", "signal")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"beam","spills":1,"events_per_spill":1}]}}""", "inputs.samples[0].seed", "required")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"beam","events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].spills", "required")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"beam","spills":1,"events_per_spill":1,"seed":1},{"sample":"beam","spills":1,"events_per_spill":1,"seed":2}]}}""", "inputs.samples[1]", "twice")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"signal","mass_mev":5,"epsilon":1e-4,"bias":10,"spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].bias", "beam, hadron, kaon and electron")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"kaon","bias":0.5,"spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].bias", "[1, 1e15]")]
    [InlineData("""{"id":"a","inputs":{"samples":[{"sample":"kaon","bias":"all","spills":1,"events_per_spill":1,"seed":1}]}}""", "inputs.samples[0].bias", "[1, 1e15]")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":{"method":"bayes"}}""", "analysis.method", "not one of cls, fc, classical")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":{"eot_uncertainty":-0.1}}""", "analysis.eot_uncertainty", "[0, 1]")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":{"projected_eot":[1e12,0]}}""", "analysis.projected_eot[1]", "[1, 1e15]")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":{"projected_eot":[1,2,3,4,5,6,7,8,9]}}""", "analysis.projected_eot", "more than 8")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":{"cl":0.95}}""", "analysis.cl", "unknown field")]
    [InlineData("""{"id":"a","inputs":{"raw":["x"]},"analysis":[]}""", "analysis", "must be an object")]
    [InlineData("""{"id":"a",""", "(json)", "")]
    public void Errors_name_the_field(string json, string field, string reason)
    {
        var ex = Assert.Throws<CampaignSpecException>(() => Parse(json));
        Assert.Equal(field, ex.Field);
        Assert.Contains(reason, ex.Reason);
        Assert.StartsWith("campaign spec spec.json: " + field, ex.Message);
    }

    [Fact]
    public void Raw_folders_expand_to_their_spill_files_in_path_order_relative_to_the_spec()
    {
        var dir = Directory.CreateTempSubdirectory("na64-spec-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "run7", "sub"));
            foreach (var name in new[] { "spill-0010.na64raw", "spill-0002.na64raw", "notes.txt", Path.Combine("sub", "spill-0002.na64raw") })
                File.WriteAllText(Path.Combine(dir.FullName, "run7", name), "");
            File.WriteAllText(Path.Combine(dir.FullName, "extra.na64raw"), "");
            var spec = Parse("""{"id":"raw","inputs":{"raw":["run7","extra.na64raw"]}}""");

            var plan = CampaignPlan.Expand(spec, dir.FullName, new TestCatalog());

            Assert.Equal(["spill-0002", "spill-0010", "sub/spill-0002", "extra"], plan.Spills.Select(s => s.SpillId));
            Assert.Equal(Path.Combine(dir.FullName, "run7", "spill-0002.na64raw"), plan.Spills[0].Path);
            Assert.All(plan.Spills, s => Assert.Equal("data", s.SampleName));
            Assert.Empty(plan.SampleNames); // raw files name their samples in their headers
            var missing = Assert.Throws<CampaignSpecException>(() => CampaignPlan.Expand(Parse("""{"id":"raw","inputs":{"raw":["nope"]}}"""), dir.FullName, new TestCatalog()));
            Assert.Equal("inputs.raw[0]", missing.Field);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_plan_of_ten_million_spills_costs_what_its_spec_costs_and_its_done_spills_a_bit_each()
    {
        var spec = Parse("""{"id":"huge","inputs":{"samples":[{"sample":"beam","spills":10000000,"events_per_spill":1,"seed":3}]}}""");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var plan = CampaignPlan.Expand(spec, "/tmp");
        var planBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10_000_000, plan.Spills.Count);
        Assert.InRange(planBytes, 0, 64 * 1024);
        Assert.Equal("beam-r1-s9999999", plan.Spills[9_999_999].SpillId);
        Assert.Equal(9_999_999, plan.OrdinalOf("beam-r1-s9999999"));
        Assert.Equal(-1, plan.OrdinalOf("beam-r1-s10000000"));
        Assert.Equal(-1, plan.OrdinalOf("beam-r1-s0000001")); // not the id of spill 1 (five digits at least)
        Assert.Equal(1, plan.OrdinalOf("beam-r1-s00001"));

        before = GC.GetAllocatedBytesForCurrentThread();
        var aggregate = new CampaignAggregate(plan);
        var aggregateBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(aggregateBytes, 1_250_000, 1_400_000); // 10⁷ bits, and a few small collections
        Assert.False(aggregate.IsFinished(9_999_999));
    }

    [Fact]
    public void A_spill_whose_counts_would_overflow_the_campaigns_totals_cannot_be_counted()
    {
        var plan = CampaignPlan.Expand(Parse("""{"id":"sum","inputs":{"samples":[{"sample":"beam","spills":3,"events_per_spill":1,"seed":3}]}}"""), "/tmp");
        var aggregate = new CampaignAggregate(plan);
        var big = new NA64.Reco.Physics.Summary.EventSummary { Eot = long.MaxValue - 10, Events = 5, Spills = 1 };
        Assert.Null(aggregate.WhyNotCountable(big.Eot, big.Events));
        Assert.True(aggregate.ApplyDone("beam-r1-s00000", "beam", NA64.Reco.Messages.Serialization.SummaryCodec.Encode(big)));
        Assert.Equal(long.MaxValue - 10, aggregate.Eot);

        Assert.Equal($"EOT 11 and 5 events would overflow the campaign's totals ({long.MaxValue - 10}, 5)", aggregate.WhyNotCountable(11, 5));
        Assert.Equal("negative EOT -1 or event count 5", aggregate.WhyNotCountable(-1, 5));
    }
}
