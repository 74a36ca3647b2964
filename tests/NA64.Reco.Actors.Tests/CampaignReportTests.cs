using System.Text.Json;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Results;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Tests;

public sealed class CampaignReportTests
{
    [Fact]
    public void The_summary_carries_provenance_totals_quarantine_cutflow_and_efficiencies()
    {
        var plan = PipelineNode.McPlan();
        var beam = new EventSummary { Eot = 6000, Events = 5800, Spills = 6, TruthElectrons = 4, TruthElectronsSrdTagged = 3 };
        beam.CutFlow[0] = 5800;
        beam.CutFlow[1] = 4000;
        var signal = new EventSummary { Eot = 3000, Events = 3000, Spills = 3 };
        signal.WeightedCutFlow[0] = FixedPointWeight.FromDouble(2.0);
        signal.WeightedCutFlow[^1] = FixedPointWeight.FromDouble(0.5);
        signal.WeightedSquaredCutFlow[0] = FixedPointWeight.FromDouble(1.0);
        signal.WeightedSquaredCutFlow[^1] = FixedPointWeight.FromDouble(0.25);
        var result = new CampaignResult(plan.CampaignId, plan.SpecHash, plan.InputDigest, plan.Inputs.Count,
            new CampaignProvenance("cond-v3", "cond-v3#0123456789ab", new string('c', 64), "1.2.3+abc"),
            [
                new SampleResult("beam", plan.Spec.Samples[0].Descriptor, beam, FromFiles: false),
                new SampleResult("signal-16.7MeV", plan.Spec.Samples[1].Descriptor, signal, FromFiles: false),
            ],
            [new QuarantinedSpill("beam-r1-s00004", "f.raw", 77, "bad magic", 1000)], 9, 8, 1000);
        using var dir = new TempDirectory();

        var files = ResultFiles.WriteAll(dir.Path, CampaignReport.Render(result));

        Assert.Equal(["summary.json", "cutflow.csv", "histograms.json"], files.Select(Path.GetFileName));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(files[0]));
        var root = doc.RootElement;
        Assert.Equal(CampaignReport.Schema, root.GetProperty("schema").GetString());
        var campaign = root.GetProperty("campaign");
        Assert.Equal("test", campaign.GetProperty("id").GetString());
        Assert.Equal(plan.SpecHash, campaign.GetProperty("spec_hash").GetString());
        Assert.Equal("cond-v3", campaign.GetProperty("conditions_version").GetString());
        Assert.Equal("cond-v3#0123456789ab", campaign.GetProperty("conditions_id").GetString());
        Assert.Equal(new string('c', 64), campaign.GetProperty("conditions_hash").GetString());
        Assert.Equal(plan.InputDigest, campaign.GetProperty("input_digest").GetString());
        Assert.Equal(0, campaign.GetProperty("input_files").GetInt32());
        Assert.Equal("1.2.3+abc", campaign.GetProperty("code_version").GetString());
        Assert.Equal(22UL, campaign.GetProperty("seeds")[1].GetProperty("seed").GetUInt64());
        Assert.Equal(6000, root.GetProperty("eot").GetInt64()); // the beam's: signal events are not EOT
        Assert.Equal(["beam"], root.GetProperty("eot_reference_samples").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(8800, root.GetProperty("events").GetProperty("processed").GetInt64());
        Assert.Equal(1000, root.GetProperty("events").GetProperty("quarantined").GetInt64());
        var spills = root.GetProperty("spills");
        Assert.Equal(9, spills.GetProperty("total").GetInt32());
        Assert.Equal(8, spills.GetProperty("done").GetInt32());
        var q = spills.GetProperty("quarantined")[0];
        Assert.Equal(("beam-r1-s00004", "f.raw", 77L, "bad magic"),
            (q.GetProperty("spill").GetString(), q.GetProperty("file").GetString(), q.GetProperty("offset").GetInt64(), q.GetProperty("reason").GetString()));
        var beamCuts = root.GetProperty("cutflow").GetProperty("beam");
        Assert.Equal(10, beamCuts.GetArrayLength());
        Assert.Equal(("trigger", 4000L), (beamCuts[1].GetProperty("cut").GetString(), beamCuts[1].GetProperty("events").GetInt64()));
        var s = root.GetProperty("samples")[1];
        Assert.Equal("signal", s.GetProperty("kind").GetString());
        Assert.Equal(16.7, s.GetProperty("mass_mev").GetDouble());
        // Without an analysis there are no efficiency tables, background or limits.
        Assert.Equal(JsonValueKind.Null, s.GetProperty("efficiency").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("samples")[0].GetProperty("efficiency").ValueKind);
        Assert.False(root.TryGetProperty("limits", out _));
        Assert.Equal(0.75, root.GetProperty("checks").GetProperty("beam").GetProperty("srd_electron_efficiency").GetDouble());
        Assert.False(root.GetProperty("checks").TryGetProperty("signal-16.7MeV", out _));

        var csv = File.ReadAllLines(files[1]);
        Assert.Equal("sample,cut,events,weighted", csv[0]);
        Assert.Equal("beam,trigger,4000,0", csv[2]);
        Assert.Equal(1 + 2 * 10, csv.Length);
        using var hist = JsonDocument.Parse(File.ReadAllBytes(files[2]));
        var momentum = hist.RootElement.GetProperty("samples").GetProperty("beam")[0];
        Assert.Equal("momentum", momentum.GetProperty("name").GetString());
        Assert.Equal(302, momentum.GetProperty("counts").GetArrayLength());
    }
}
