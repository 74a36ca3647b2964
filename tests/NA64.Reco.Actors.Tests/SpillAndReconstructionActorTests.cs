using NA64.Reco.Messages.Serialization;
using System.Text;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using NA64.Reco.Actors.Membership;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Actors.Reconstruction.ReconstructionProtocol;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>The spill actor and its reconstruction actors on one node, the test acting as the coordinator.</summary>
public sealed class SpillAndReconstructionActorTests : TestKit
{
    private static readonly SampleDescriptor Beam = new(SampleKind.Beam, 0, 0, 9);
    private static readonly DetectorConditions Conditions = DetectorConditions.Default;

    private static ProcessSpill Work(int events, int chunkSize, string? conditionsHash = null) =>
        new("c.beam-r2-s00004", "c", new SpillRef("beam-r2-s00004", 4, "beam", Beam, 2, 4, events), chunkSize, conditionsHash ?? Conditions.Hash);

    private IActorRef Spill(TestProcessor processor, ChunkThreads threads, int chunksInFlight, ConditionsCache? cache = null, ISpillCatalog? catalog = null) =>
        Sys.ActorOf(SpillActor.Props(catalog ?? new TestCatalog(), processor, threads, cache ?? new ConditionsCache(Conditions), new SpillSettings(chunksInFlight)));

    [Fact]
    public void A_spill_reconstructs_a_bounded_number_of_chunks_at_once_and_merges_them_in_chunk_order()
    {
        // Every chunk waits until two run at once: the spill must fill its bound exactly, and never exceed it.
        var processor = new TestProcessor { FillTo = 2 };
        using var threads = new ChunkThreads(4);
        var spill = Spill(processor, threads, chunksInFlight: 2);

        spill.Tell(Work(events: 1000, chunkSize: 300));

        var done = ExpectMsg<SpillDone>();
        Assert.Equal("beam-r2-s00004", done.SpillId);
        Assert.Equal(2, processor.MaxConcurrency);
        Assert.Equal(4, processor.Calls);
        var expected = new EventSummary();
        for (var c = 0; c < 4; c++) expected.Merge(TestProcessor.SummaryOf(new SimulatedChunk(Beam, 2, 4, c, 300L * c, c < 3 ? 300 : 100)));
        expected.Eot = 1000;
        expected.Spills = 1;
        var summary = SummaryCodec.Decode(done.Summary);
        Assert.Equal(1000, summary.Events);
        Assert.Equal(expected.Fingerprint(), summary.Fingerprint());
        Assert.All(processor.ConditionsUsed, h => Assert.Equal(Conditions.Hash, h));
    }

    [Fact]
    public void A_corrupt_chunk_quarantines_the_spill_with_its_file_offset_and_reason()
    {
        var processor = new TestProcessor { Corrupt = w => w.Chunk == 1 };
        using var threads = new ChunkThreads(2);
        var spill = Spill(processor, threads, chunksInFlight: 4);
        spill.Tell(Work(events: 1000, chunkSize: 500));

        var failed = ExpectMsg<SpillFailed>();
        Assert.Equal(new QuarantineEntry("beam-r2-s00004", "beam", "spill-4.dat", 4096 + 500, "bad event header magic", 1000), failed.Entry);
    }

    [Fact]
    public void A_chunk_that_cannot_be_read_holds_the_spill_instead_of_quarantining_it()
    {
        var processor = new TestProcessor { Unreadable = w => w.Chunk == 0 };
        using var threads = new ChunkThreads(2);
        var spill = Spill(processor, threads, chunksInFlight: 2);
        spill.Tell(Work(events: 1000, chunkSize: 500));

        var held = ExpectMsg<SpillHeld>();
        Assert.Equal(("c", "beam-r2-s00004"), (held.CampaignId, held.SpillId));
        Assert.Equal("IOException: spill-4.dat: Input/output error", held.Reason);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_spill_stopped_for_a_hand_off_tells_its_requesters_and_cancels_its_chunks()
    {
        var processor = new TestProcessor { Hold = _ => true };
        using var threads = new ChunkThreads(2);
        var spill = Spill(processor, threads, chunksInFlight: 2);
        Watch(spill);
        spill.Tell(Work(events: 1000, chunkSize: 500));
        AwaitAssert(() => Assert.Equal(2, processor.Calls)); // both chunks run, held until cancelled

        spill.Tell(StopForHandOff.Instance);

        Assert.Equal(new SpillInterrupted("c", "beam-r2-s00004"), ExpectMsg<SpillInterrupted>());
        ExpectTerminated(spill);
        // The held chunks were cancelled with their actors: the threads are free for other work at once.
        Assert.Equal(7, await threads.Run(_ => 7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_node_without_the_campaigns_conditions_asks_the_coordinator_and_processes_with_them()
    {
        var campaign = DetectorConditions.Parse(Encoding.UTF8.GetBytes(Conditions.SourceJson.Replace($"\"{Conditions.Version}\"", "\"campaign-own\"", StringComparison.Ordinal)), "test");
        var processor = new TestProcessor();
        using var threads = new ChunkThreads(1);
        var cache = new ConditionsCache(Conditions);
        var spill = Spill(processor, threads, chunksInFlight: 1, cache);

        spill.Tell(Work(events: 200, chunkSize: 100, conditionsHash: campaign.Hash));
        Assert.Equal(new GetConditions("c", campaign.Hash), ExpectMsg<GetConditions>());
        spill.Tell(new CampaignConditions(campaign.Id, campaign.Hash, campaign.SourceJson));

        ExpectMsg<SpillDone>();
        Assert.Equal([campaign.Hash, campaign.Hash], processor.ConditionsUsed);
        Assert.True(cache.TryGet(campaign.Hash, out _)); // the next spill of the campaign on this node needs no question
    }

    [Fact]
    public void Conditions_that_do_not_match_the_campaigns_hash_are_never_used()
    {
        var processor = new TestProcessor();
        using var threads = new ChunkThreads(1);
        var spill = Spill(processor, threads, chunksInFlight: 1);
        var wanted = new string('a', 64);

        spill.Tell(Work(events: 200, chunkSize: 100, conditionsHash: wanted));
        ExpectMsg<GetConditions>();
        // A document whose content hashes otherwise, sent as if it were the wanted one.
        spill.Tell(new CampaignConditions("x", wanted, Conditions.SourceJson));

        var held = ExpectMsg<SpillHeld>();
        Assert.Contains("not aaaaaaaaaaaa", held.Reason, StringComparison.Ordinal);
        Assert.Equal(0, processor.Calls);
    }

    [Fact]
    public void A_raw_file_changed_since_submission_holds_its_spill()
    {
        var dir = Directory.CreateTempSubdirectory("na64-spill-");
        try
        {
            var file = Path.Combine(dir.FullName, "s7.na64raw");
            File.WriteAllText(file, "2 7 500 500");
            var recorded = new InputFile("s7", file, 11, new TestCatalog().HeaderDigest(file));
            File.WriteAllText(file, "2 7 900 900"); // rewritten after the campaign recorded it
            var processor = new TestProcessor();
            using var threads = new ChunkThreads(1);
            var spill = Spill(processor, threads, chunksInFlight: 1);

            spill.Tell(new ProcessSpill("c.s7", "c", new SpillRef("s7", 0, "data", SampleDescriptor.RealData, 0, 0, 0, recorded), 100, Conditions.Hash));

            var held = ExpectMsg<SpillHeld>();
            Assert.Equal(file, held.File);
            Assert.Contains("changed since the campaign was submitted", held.Reason, StringComparison.Ordinal);
            Assert.Equal(0, processor.Calls);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_reconstruction_actor_tells_its_parent_the_summary_or_the_failure_and_whether_it_is_a_read_error()
    {
        var processor = new TestProcessor { Corrupt = w => w.Chunk == 1, Unreadable = w => w.Chunk == 2 };
        using var threads = new ChunkThreads(1);
        var good = new SimulatedChunk(Beam, 2, 4, 0, 0, 50);

        var result = Assert.IsType<ChunkResult>(RunChild(processor, threads, good));
        Assert.Equal(0, result.Chunk);
        Assert.Equal(TestProcessor.SummaryOf(good).Fingerprint(), result.Summary.Fingerprint());
        Assert.Equal(new ChunkFailed(1, "spill-4.dat", 4096 + 50, "bad event header magic", false), RunChild(processor, threads, good with { Chunk = 1, FirstEvent = 50 }));
        Assert.Equal(new ChunkFailed(2, "beam run 2 spill 4", -1, "IOException: spill-4.dat: Input/output error", true),
            RunChild(processor, threads, good with { Chunk = 2, FirstEvent = 100 }));
    }

    /// <summary>A reconstruction actor made by a parent that forwards what it hears to the test.</summary>
    private object RunChild(TestProcessor processor, ChunkThreads threads, ChunkWork work)
    {
        var child = ReconstructionActor.Props(processor, NA64.Reco.Physics.Setups.Setup.Of(Conditions), threads, work);
        Sys.ActorOf(Props.Create(() => new Parent(child, TestActor)));
        return ExpectMsg<object>();
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent(Props child, IActorRef probe)
        {
            Context.ActorOf(child);
            ReceiveAny(m => probe.Tell(m));
        }
    }
}
