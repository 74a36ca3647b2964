using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Results;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The campaign path on an embedded node (the hosting and driver of <c>na64 run</c>) when the disk under the journal
/// fills up and is freed, and when an input file cannot be read for a while: nothing hangs, nothing is counted wrong,
/// and what could not be done is done when it can.
/// </summary>
public sealed class InputAndDiskFailureTests
{
    [MountFact]
    public async Task A_full_disk_under_the_journal_is_ridden_out_once_room_is_freed()
    {
        var plan = PipelineNode.McPlan(id: "disk-full", beamSpills: 6, signalSpills: 3, snapshotEvery: 4);
        CampaignFinished reference;
        using (var dir = new TempDirectory())
        {
            await using var clean = await PipelineNode.StartAsync(dir.File("reference.db"), new TestProcessor());
            reference = await clean.RunAsync(plan);
        }

        using var disk = MountedFolder.Create(sizeKb: 4096);
        var full = new ManualResetEventSlim(false);
        // Spills from the fourth on wait until the disk is full: three are journaled before, the others after it is freed.
        var processor = new GatedProcessor(w => w.Spill >= 3 || w is SimulatedChunk { Sample.Seed: 22 }, full);
        var options = new PipelineOptions
        {
            DatabasePath = Path.Combine(disk.Path, "campaign.db"),
            MaxSpillsInFlight = 2,
            MaxChunksInFlightPerSpill = 2,
            ChunkThreads = 4,
            Patience = new JournalPatience(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)),
            SpillTimeout = TimeSpan.FromSeconds(5),
        };
        await using var node = await PipelineNode.StartAsync(options, processor);
        var maxDone = 0;
        var threeDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = node.RunAsync(plan, p =>
        {
            maxDone = Math.Max(maxDone, p.DoneSpills);
            if (p.DoneSpills >= 3) threeDone.TrySetResult();
        }, TimeSpan.FromMinutes(2));
        await threeDone.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var filler = Fill(disk.Path);
        full.Set();
        // A few seconds of a full disk: every journal write fails, the coordinator and the manager back off.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(run.IsCompleted, "the campaign cannot finish while its journal cannot be written");
        var doneWhileFull = maxDone;
        File.Delete(filler);

        var result = await run;
        Assert.InRange(doneWhileFull, 3, 8);
        Assert.Equal(plan.Spills.Count, result.DoneSpills);
        Assert.Equal(reference.Samples.Keys, result.Samples.Keys);
        foreach (var (name, s) in reference.Samples) Assert.Equal(s.Fingerprint(), result.Samples[name].Fingerprint());
        Assert.Equal(CampaignReport.CutflowCsv(CampaignResults.Samples(reference)), CampaignReport.CutflowCsv(CampaignResults.Samples(result)));
    }

    [Fact]
    public async Task A_spill_whose_file_cannot_be_read_stalls_the_campaign_without_counting_it_and_a_resume_after_the_file_is_back_reads_it()
    {
        using var dir = new TempDirectory();
        var run = Directory.CreateDirectory(dir.File("run5")).FullName;
        File.WriteAllText(Path.Combine(run, "spill-001.na64raw"), "5 1 3000 600");
        var second = Path.Combine(run, "spill-002.na64raw");
        File.WriteAllText(second, "5 2 2000 400");
        var spec = new CampaignSpec { Id = "io", ChunkSize = 200, Raw = ["run5"] };
        var firstGate = new ManualResetEventSlim(false);
        var processor = new GatedProcessor(w => w.Spill == 1, firstGate);
        var options = new PipelineOptions
        {
            DatabasePath = dir.File("campaign.db"),
            MaxSpillsInFlight = 1,
            MaxChunksInFlightPerSpill = 1,
            ReadAttempts = 3,
            ReadRetry = TimeSpan.FromMilliseconds(100),
        };
        await using var node = await PipelineNode.StartAsync(options, processor);

        // Admitted with both files readable; the second one then turns unreadable (its first page fails with EIO).
        var ended = node.RunToEndAsync(spec, dir.Path);
        await processor.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var saved = second + ".saved";
        File.Move(second, saved);
        File.CreateSymbolicLink(second, "/proc/self/mem");
        firstGate.Set();

        var outcome = await ended;
        Assert.Equal(CampaignManager.Failed, outcome.Last.State);
        Assert.StartsWith("1 spill(s) could not be read (first: spill-002, ", outcome.Last.Reason);
        Assert.Equal((1, 0, 1), (outcome.Last.Progress.DoneSpills, outcome.Last.Progress.QuarantinedSpills, outcome.Last.Progress.HeldSpills));

        // The file is back: the same campaign submitted again reads it, and counts the first spill once.
        File.Delete(second);
        File.Move(saved, second);
        var resumed = await node.RunAsync(spec, dir.Path);
        Assert.Equal(2, resumed.DoneSpills);
        Assert.Empty(resumed.Quarantined);
        Assert.Equal(5000, resumed.Samples["data"].Eot);
        Assert.Equal(1000, resumed.Samples["data"].Events);
    }

    /// <summary>Fills the file system of <paramref name="folder"/> to the last byte; returns the filler to delete.</summary>
    private static string Fill(string folder)
    {
        var filler = Path.Combine(folder, "filler");
        var block = new byte[64 * 1024];
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full. Fill the rest byte-sized chunks would leave is not needed: SQLite writes whole pages.
        }
        return filler;
    }

    /// <summary>The test physics, with chosen chunks held until a gate opens; tells when the first held chunk arrived.</summary>
    private sealed class GatedProcessor(Func<ChunkWork, bool> gated, ManualResetEventSlim gate) : Reconstruction.IChunkProcessor
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EventSummary Process(ChunkWork work, NA64.Reco.Physics.Setups.Setup setup, CancellationToken ct)
        {
            if (gated(work))
            {
                Entered.TrySetResult();
                gate.Wait(ct);
            }
            return TestProcessor.SummaryOf(work);
        }
    }
}
