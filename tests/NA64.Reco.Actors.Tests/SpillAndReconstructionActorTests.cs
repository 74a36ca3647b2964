using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using NA64.Reco.Actors.Hosting;
using Akka.TestKit.Xunit2;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Reconstruction.ReconstructionProtocol;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>The spill and reconstruction actors on their own, a probe standing in for the chunk region.</summary>
public sealed class SpillAndReconstructionActorTests : TestKit
{
    private static readonly SampleDescriptor Beam = new(SampleKind.Beam, 0, 0, 9);

    private static ProcessSpill Work(int events, int chunkSize) =>
        new("c.beam-r2-s00004", "c", new SpillRef("beam-r2-s00004", 4, "beam", Beam, 2, 4, null, events), chunkSize);

    [Fact]
    public void A_spill_sends_a_bounded_number_of_chunks_and_merges_them_in_chunk_order_whatever_the_reply_order()
    {
        var chunks = CreateTestProbe();
        var spill = Sys.ActorOf(SpillActor.Props(chunks, new TestCatalog(), new SpillSettings(2, TimeSpan.FromMinutes(5))));

        spill.Tell(Work(events: 1000, chunkSize: 300));

        var c0 = chunks.ExpectMsg<ProcessChunk>(m => m.EntityId == "c.beam-r2-s00004#0");
        var c1 = chunks.ExpectMsg<ProcessChunk>(m => m.EntityId == "c.beam-r2-s00004#1");
        Assert.Equal(new SimulatedChunk(Beam, 2, 4, 1, 300, 300), c1.Work);
        chunks.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // two in flight, no more
        spill.Tell(Result(c1), chunks.Ref); // out of order: chunk 1 first
        var c2 = chunks.ExpectMsg<ProcessChunk>(m => m.Work.Chunk == 2);
        spill.Tell(Result(c2), chunks.Ref);
        spill.Tell(Result(c2), chunks.Ref); // a duplicate answer is ignored
        var c3 = chunks.ExpectMsg<ProcessChunk>(m => m.Work.Chunk == 3);
        Assert.Equal(100, c3.Work.Count);
        spill.Tell(Result(c3), chunks.Ref);
        spill.Tell(Result(c0), chunks.Ref);

        var done = ExpectMsg<SpillDone>();
        Assert.Equal("beam-r2-s00004", done.SpillId);
        var expected = new SpillSummary();
        foreach (var c in new[] { c0, c1, c2, c3 }) expected.Merge(TestProcessor.SummaryOf(c.Work));
        expected.Eot = 1000;
        expected.Spills = 1;
        Assert.Equal(1000, done.Summary.Events);
        Assert.Equal(expected.Fingerprint(), done.Summary.Fingerprint());
    }

    [Fact]
    public void A_failed_chunk_quarantines_the_spill_with_its_file_offset_and_reason()
    {
        var chunks = CreateTestProbe();
        var spill = Sys.ActorOf(SpillActor.Props(chunks, new TestCatalog(), new SpillSettings(4, TimeSpan.FromMinutes(5))));
        spill.Tell(Work(events: 1000, chunkSize: 500));
        var c0 = chunks.ExpectMsg<ProcessChunk>();
        chunks.ExpectMsg<ProcessChunk>();

        spill.Tell(new ChunkFailed(c0.EntityId, 1, "/data/s4.raw", 1234, "truncated event"), chunks.Ref);

        var failed = ExpectMsg<SpillFailed>();
        Assert.Equal(new QuarantineEntry("beam-r2-s00004", "beam", "/data/s4.raw", 1234, "truncated event", 1000), failed.Entry);
    }

    [Fact]
    public void A_spill_stopped_for_a_hand_off_tells_its_requesters_and_resends_a_chunk_interrupted_so()
    {
        var chunks = CreateTestProbe();
        var spill = Sys.ActorOf(SpillActor.Props(chunks, new TestCatalog(), new SpillSettings(2, TimeSpan.FromMinutes(5))));
        Watch(spill);
        spill.Tell(Work(events: 1000, chunkSize: 500));
        var c0 = chunks.ExpectMsg<ProcessChunk>();
        var c1 = chunks.ExpectMsg<ProcessChunk>();

        // Chunk 1's shard moved: the same chunk, under the same name, is sent again at once; a chunk not in flight is not.
        spill.Tell(new ChunkInterrupted(c1.EntityId, 1), chunks.Ref);
        Assert.Equal(c1, chunks.ExpectMsg<ProcessChunk>());
        spill.Tell(Result(c0), chunks.Ref);
        spill.Tell(new ChunkInterrupted(c0.EntityId, 0), chunks.Ref);
        chunks.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // The spill's own shard is handed over: its requester learns it now, not after the spill timeout.
        spill.Tell(StopForHandOff.Instance);
        Assert.Equal(new SpillInterrupted("c", "beam-r2-s00004"), ExpectMsg<SpillInterrupted>());
        ExpectTerminated(spill);
    }

    [Fact]
    public void A_reconstruction_actor_stopped_for_a_hand_off_cancels_its_chunk_and_tells_its_requester()
    {
        var processor = new TestProcessor { Hold = _ => true };
        using var threads = new ChunkThreads(1);
        var actor = Sys.ActorOf(ReconstructionActor.Props(processor, threads));
        Watch(actor);
        actor.Tell(new ProcessChunk("e#3~1", new SimulatedChunk(Beam, 2, 4, 3, 0, 50)));
        AwaitAssert(() => Assert.Equal(1, processor.Calls)); // the chunk is running (held until cancelled)

        actor.Tell(StopForHandOff.Instance);

        Assert.Equal(new ChunkInterrupted("e#3~1", 3), ExpectMsg<ChunkInterrupted>());
        ExpectTerminated(actor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no result of the cancelled chunk after that
    }

    [Fact]
    public void A_spill_names_its_chunks_onto_the_chunk_shards_of_its_own_node()
    {
        var chunks = CreateTestProbe();
        var local = new LocalChunkShards(8);
        local.Update(new CurrentShardRegionState(
            ImmutableHashSet.Create(new ShardState("3", ImmutableHashSet<string>.Empty)), ImmutableHashSet<string>.Empty));
        var spill = Sys.ActorOf(SpillActor.Props(chunks, new TestCatalog(), new SpillSettings(3, TimeSpan.FromMinutes(5)), local));

        spill.Tell(Work(events: 1500, chunkSize: 500));

        var extractor = new ChunkMessageExtractor(8);
        var sent = new[] { chunks.ExpectMsg<ProcessChunk>(), chunks.ExpectMsg<ProcessChunk>(), chunks.ExpectMsg<ProcessChunk>() };
        Assert.Equal([0, 1, 2], sent.Select(c => c.Work.Chunk));
        Assert.All(sent, c => Assert.Equal("3", extractor.ShardId(c.EntityId, c)));
        Assert.All(sent, c => Assert.StartsWith("c.beam-r2-s00004#" + c.Work.Chunk, c.EntityId));
        Assert.Equal(3, sent.Select(c => c.EntityId).Distinct().Count());
    }

    [Fact]
    public void Chunks_are_named_plainly_until_the_node_hosts_chunk_shards()
    {
        var local = new LocalChunkShards(8);
        Assert.Equal("s#4", local.ChunkEntityId("s", 4));

        local.Update(new CurrentShardRegionState(
            ImmutableHashSet.Create(new ShardState("5", ImmutableHashSet<string>.Empty)), ImmutableHashSet<string>.Empty));
        var named = local.ChunkEntityId("s", 4);
        Assert.Equal("5", new ChunkMessageExtractor(8).ShardId(named, null!));
        Assert.Equal(named, local.ChunkEntityId("s", 4)); // the same name every time: a resend reaches the same entity

        local.Update(new CurrentShardRegionState(ImmutableHashSet<ShardState>.Empty, ImmutableHashSet<string>.Empty));
        Assert.Equal("s#4", local.ChunkEntityId("s", 4));
    }

    [Fact]
    public void A_reconstruction_actor_answers_the_processor_summary_or_the_failure_it_raised()
    {
        var processor = new TestProcessor { Corrupt = w => w.Chunk == 1 };
        using var threads = new ChunkThreads(1);
        var good = new SimulatedChunk(Beam, 2, 4, 0, 0, 50);
        // One props for both chunks, as the chunk region uses it: each entity is a new actor (the second does not
        // answer the first one's result).
        var props = ReconstructionActor.Props(processor, threads);
        Sys.ActorOf(props).Tell(new ProcessChunk("e#0", good));
        var result = ExpectMsg<ChunkResult>();
        Assert.Equal(("e#0", 0), (result.EntityId, result.Chunk));
        Assert.Equal(TestProcessor.SummaryOf(good).Fingerprint(), result.Summary.Fingerprint());

        Sys.ActorOf(props).Tell(new ProcessChunk("e#1", good with { Chunk = 1, FirstEvent = 50 }));
        Assert.Equal(new ChunkFailed("e#1", 1, "spill-4.dat", 4096 + 50, "bad event header magic"), ExpectMsg<ChunkFailed>());

        var raw = new RawFileChunk("/data/run2/s7.raw", 7, 0, 0, 10);
        Sys.ActorOf(ReconstructionActor.Props(new ThrowingProcessor(), threads)).Tell(new ProcessChunk("r#0", raw));
        Assert.Equal(new ChunkFailed("r#0", 0, "/data/run2/s7.raw", -1, "InvalidOperationException: decoder bug"), ExpectMsg<ChunkFailed>());
    }

    private static ChunkResult Result(ProcessChunk c) => new(c.EntityId, c.Work.Chunk, TestProcessor.SummaryOf(c.Work));

    private sealed class ThrowingProcessor : IChunkProcessor
    {
        public SpillSummary Process(ChunkWork work, CancellationToken ct) => throw new InvalidOperationException("decoder bug");
    }
}
