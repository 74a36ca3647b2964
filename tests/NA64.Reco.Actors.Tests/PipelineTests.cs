using Microsoft.Data.Sqlite;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Messages.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>Whole campaigns on an embedded node: sharding, persistence on a real SQLite file.</summary>
public sealed class PipelineTests
{
    /// <summary>What the campaign must give: the test processor's chunks of each spill, merged, with EOT = events per spill.</summary>
    private static SortedDictionary<string, EventSummary> Expected(CampaignPlan plan, Func<string, bool>? skip = null)
    {
        var expected = new SortedDictionary<string, EventSummary>(StringComparer.Ordinal);
        foreach (var name in plan.SampleNames) expected[name] = new EventSummary();
        foreach (var spill in plan.Spills)
        {
            if (skip?.Invoke(spill.SpillId) == true) continue;
            var s = new EventSummary();
            for (int c = 0, first = 0; first < spill.Events; c++, first += plan.Spec.ChunkSize)
                s.Merge(TestProcessor.SummaryOf(new SimulatedChunk(spill.Sample, spill.Run, spill.Spill, c, first, Math.Min(plan.Spec.ChunkSize, spill.Events - first))));
            s.Eot = spill.Events;
            s.Spills = 1;
            expected[spill.SampleName].Merge(s);
        }
        return expected;
    }

    private static void AssertSameTotals(IReadOnlyDictionary<string, EventSummary> expected, IReadOnlyDictionary<string, EventSummary> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, e) in expected)
        {
            Assert.Equal(e.Events, actual[name].Events);
            Assert.Equal(e.Eot, actual[name].Eot);
            Assert.Equal(e.Spills, actual[name].Spills);
            Assert.Equal(e.Fingerprint(), actual[name].Fingerprint());
        }
    }

    [Fact]
    public async Task A_campaign_completes_with_every_spill_merged_once()
    {
        using var dir = new TempDirectory();
        var plan = PipelineNode.McPlan();
        var processor = new TestProcessor();
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), processor);

        var result = await node.RunAsync(plan);

        Assert.Equal(9, result.TotalSpills);
        Assert.Equal(9, result.DoneSpills);
        Assert.Empty(result.Quarantined);
        Assert.Equal(9 * 3, processor.Calls); // 1000 events in chunks of 400: 3 chunks a spill
        Assert.Equal(6000, result.Samples["beam"].Eot);
        Assert.Equal(6, result.Samples["beam"].Spills);
        Assert.Equal(3000, result.Samples["signal-16.7MeV"].Events);
        AssertSameTotals(Expected(plan), result.Samples);

        // The journal: WAL mode, the campaign's first event and one event per spill, nothing else.
        await using var db = new SqliteConnection(SqliteJournal.ConnectionString(dir.File("campaign.db")));
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT group_concat(id, ',') FROM (SELECT persistence_id || ':' || COUNT(*) AS id FROM journal GROUP BY persistence_id)";
        // The manager journals the campaign's admission and its end (done).
        Assert.Equal("campaign-manager:2,campaign-test:10", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_biased_sample_comes_out_of_the_pipeline_with_the_weighted_tables_of_the_bare_kernel()
    {
        using var dir = new TempDirectory();
        var plan = CampaignPlan.Expand(new CampaignSpec
        {
            Id = "biased",
            ChunkSize = 400,
            SnapshotEvery = 2,
            Samples =
            [
                new SampleSpec(SampleKind.Beam, 0, 0, 2, 1000, 11, 1),
                new SampleSpec(SampleKind.Kaon, 0, 0, 3, 1000, 33, 1) { Bias = 1e12 },
            ],
        }, Directory.GetCurrentDirectory());
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), NA64.Reco.Actors.Hosting.PhysicsBindings.Default());

        var result = await node.RunAsync(plan);

        Assert.Empty(result.Quarantined);
        var kaon = result.Samples["kaon-bias1e12"];
        Assert.Equal(3000, kaon.Events);
        // Every event a forced decay of weight q ≈ 1.19 × 10⁻³ (docs/physics.md §4a): the weighted total is 3000 q.
        Assert.InRange(FixedPointWeight.ToDouble(kaon.WeightedCutFlow[(int)Cut.All]), 3000 * 1.15e-3, 3000 * 1.22e-3);
        // The bare kernel on each whole spill, merged: the same counts and weighted sums, to the last bit.
        var bare = new EventSummary();
        var processor = new ChunkProcessor(NA64.Reco.Physics.Detector.DetectorConditions.Default);
        for (var spill = 0; spill < 3; spill++)
            bare.Merge(processor.Process(new SimulatedChunk(plan.Spec.Samples[1].Descriptor, 1, spill, 0, 0, 1000)));
        Assert.Equal(bare.CutFlow, kaon.CutFlow);
        Assert.Equal(bare.WeightedCutFlow, kaon.WeightedCutFlow);
        Assert.Equal(bare.WeightedSquaredCutFlow, kaon.WeightedSquaredCutFlow);
        Assert.Equal(bare.WeightedSourceInSignalBox, kaon.WeightedSourceInSignalBox);
        Assert.Equal(bare.WeightedSourceEvents, kaon.WeightedSourceEvents);
    }

    [Fact]
    public async Task A_corrupt_chunk_quarantines_its_spill_only()
    {
        using var dir = new TempDirectory();
        var plan = PipelineNode.McPlan();
        var processor = new TestProcessor { Corrupt = w => w is SimulatedChunk { Spill: 2, Chunk: 1 } s && s.Sample.Seed == 11 };
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), processor);
        var quarantinedSeen = new List<string>();

        var result = await node.RunAsync(plan, p => { if (p.LastQuarantined is { } q) quarantinedSeen.Add(q.SpillId); });

        var q = Assert.Single(result.Quarantined);
        Assert.Equal("beam-r1-s00002", q.SpillId);
        Assert.Equal("spill-2.dat", q.File);
        Assert.Equal(4096 + 400, q.Offset);
        Assert.Equal("bad event header magic", q.Reason);
        Assert.Equal(1000, q.Events);
        Assert.Equal(1000, result.QuarantinedEvents);
        Assert.Equal(8, result.DoneSpills);
        Assert.Equal(["beam-r1-s00002"], quarantinedSeen.Distinct());
        AssertSameTotals(Expected(plan, id => id == "beam-r1-s00002"), result.Samples);
    }

    [Fact]
    public async Task Chunks_in_flight_never_exceed_spills_times_chunks_per_spill()
    {
        using var dir = new TempDirectory();
        var plan = PipelineNode.McPlan(beamSpills: 8, signalSpills: 2, chunkSize: 200);
        var processor = new TestProcessor { FillTo = 2 * 2 };
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), processor, maxSpills: 2, maxChunks: 2);
        var maxSpillsInFlight = 0;

        var result = await node.RunAsync(plan, p => maxSpillsInFlight = Math.Max(maxSpillsInFlight, p.SpillsInFlight));

        Assert.Equal(10, result.DoneSpills);
        Assert.Equal(4, processor.MaxConcurrency); // reached (FillTo waits for it) and never exceeded
        Assert.Equal(2, maxSpillsInFlight);
        AssertSameTotals(Expected(plan), result.Samples);
    }

    [Fact]
    public async Task A_campaign_stopped_midway_resumes_from_the_journal_with_identical_totals()
    {
        using var dir = new TempDirectory();
        var plan = PipelineNode.McPlan(beamSpills: 8, signalSpills: 4, snapshotEvery: 2);
        var db = dir.File("campaign.db");

        // First node: spills after the third hang, as if the node died while working on them.
        var first = new TestProcessor { Hold = w => w.Spill >= 3 || (w is SimulatedChunk s && s.Sample.Seed == 22) };
        var reachedThree = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var node1 = await PipelineNode.StartAsync(db, first);
        var run1 = node1.RunAsync(plan, p => { if (p.DoneSpills >= 3) reachedThree.TrySetResult(); });
        await reachedThree.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await node1.DisposeAsync();
        await Assert.ThrowsAsync<CampaignInterruptedException>(() => run1);

        // Second node on the same journal, healthy processor.
        var second = new TestProcessor();
        var resumedFrom = -1;
        await using var node2 = await PipelineNode.StartAsync(db, second);
        var result = await node2.RunAsync(plan, p => resumedFrom = Math.Max(resumedFrom, p.ResumedSpills));

        Assert.Equal(3, resumedFrom);
        Assert.Equal((12 - 3) * 3, second.Calls);
        Assert.Equal(12, result.DoneSpills);
        AssertSameTotals(Expected(plan), result.Samples);

        // A rerun of the finished campaign does no work and gives the same bytes.
        var again = await node2.RunAsync(plan);
        Assert.Equal((12 - 3) * 3, second.Calls);
        foreach (var (name, s) in again.Samples) Assert.Equal(s.Fingerprint(), result.Samples[name].Fingerprint());
    }

    [Fact]
    public async Task Raw_files_take_EOT_from_their_header_and_a_corrupt_header_is_quarantined()
    {
        using var dir = new TempDirectory();
        var run = Directory.CreateDirectory(dir.File("run12")).FullName;
        File.WriteAllText(Path.Combine(run, "spill-001.na64raw"), "12 1 5000 1000");
        File.WriteAllText(Path.Combine(run, "spill-002.na64raw"), "#!garbage");
        File.WriteAllText(Path.Combine(run, "spill-003.na64raw"), "12 3 4000 700 beam");
        var spec = new CampaignSpec { Id = "raw", ChunkSize = 300, Raw = ["run12"] };
        var processor = new TestProcessor();
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), processor);

        var result = await node.RunAsync(spec, dir.Path);

        // Each file's EOT from its header, its sample too when the header names one.
        Assert.Equal(["beam", "data"], result.Samples.Keys);
        Assert.Equal(5000, result.Samples["data"].Eot);
        Assert.Equal(4000, result.Samples["beam"].Eot);
        Assert.Equal(4 + 3, processor.Calls);
        var q = Assert.Single(result.Quarantined);
        Assert.Equal(new QuarantineEntry("spill-002", "data", Path.Combine(run, "spill-002.na64raw"), 0, "spill header unreadable", 0), q);
        foreach (var (sample, spill, events, eot) in new[] { ("data", 1, 1000, 5000), ("beam", 3, 700, 4000) })
        {
            var expected = new EventSummary();
            for (int c = 0, first = 0; first < events; c++, first += 300)
                expected.Merge(TestProcessor.SummaryOf(new RawFileChunk("", spill, c, first, Math.Min(300, events - first))));
            expected.Eot = eot;
            expected.Spills = 1;
            Assert.Equal(expected.Fingerprint(), result.Samples[sample].Fingerprint());
        }
    }

    [Fact]
    public async Task Another_spec_under_a_journaled_id_fails_the_run_instead_of_hanging()
    {
        using var dir = new TempDirectory();
        var processor = new TestProcessor();
        await using var node = await PipelineNode.StartAsync(dir.File("campaign.db"), processor);
        await node.RunAsync(PipelineNode.McPlan(beamSpills: 1, signalSpills: 1));

        var changed = PipelineNode.McPlan(beamSpills: 2, signalSpills: 1);
        var ex = await Assert.ThrowsAsync<CampaignRejectedException>(() => node.RunAsync(changed));

        Assert.Contains("campaign 'test'", ex.Message);
        Assert.Contains(changed.SpecHash, ex.Message);
        Assert.Equal(2 * 3, processor.Calls);
    }
}
