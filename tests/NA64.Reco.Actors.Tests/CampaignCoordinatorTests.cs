using NA64.Reco.Messages.Serialization;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit.Xunit2;
using Microsoft.Data.Sqlite;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using Xunit.Abstractions;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;
using static NA64.Reco.Messages.Spill.SpillProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>The coordinator in conversation with a probe standing in for the spill region, journal on SQLite.</summary>
public sealed class CampaignCoordinatorTests : TestKit
{
    // The first journal write creates the tables, which takes seconds on a busy 2-core machine.
    private const string Timeouts = "\nakka.test.single-expect-default = 15s\n";

    private readonly string _db;

    public CampaignCoordinatorTests(ITestOutputHelper output) : this(NewDatabase(), output)
    {
    }

    private CampaignCoordinatorTests(string db, ITestOutputHelper output) : base(SqliteJournal.Hocon(db) + Timeouts, output: output) => _db = db;

    private static string NewDatabase()
    {
        var db = Path.Combine(Path.GetTempPath(), $"na64-coordinator-{Guid.NewGuid():N}.db");
        SqliteJournal.Prepare(db);
        return db;
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _db, _db + "-wal", _db + "-shm" }) File.Delete(f);
    }

    private static readonly CampaignConditions Conditions = CampaignServices.Describe(NA64.Reco.Physics.Setups.Setup.Of(NA64.Reco.Physics.Detector.DetectorConditions.Default));

    private static CampaignPlan Plan(int spills = 3, int chunkSize = 100, int snapshotEvery = 20) => CampaignPlan.Expand(new CampaignSpec
    {
        Id = "coord",
        ChunkSize = chunkSize,
        SnapshotEvery = snapshotEvery,
        Samples = [new SampleSpec(SampleKind.Beam, 0, 0, spills, 100, 5, 1)],
    }, Path.GetTempPath());

    /// <summary>The bytes a spill actor answers with: a summary of <paramref name="events"/> beam events.</summary>
    private static byte[] Summary(long events)
    {
        var s = new EventSummary { Events = events, Eot = events, Spills = 1 };
        s.CutFlow[0] = events;
        return SummaryCodec.Encode(s);
    }

    [Fact]
    public void A_SpillDone_delivered_twice_is_counted_once()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(), Conditions, region, listener, new CoordinatorSettings(2, TimeSpan.FromMinutes(10))));

        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000" && m.EntityId == "coord.beam-r1-s00000" && m.ChunkSize == 100);
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00002");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00001", Summary(100)));
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00002", Summary(100)));

        var finished = listener.FishForMessage<CampaignFinished>(_ => true);
        Assert.Equal(3, finished.DoneSpills);
        Assert.Equal(300, finished.Samples["beam"].Events);
        Assert.Equal(300, finished.Samples["beam"].Eot);
        Assert.Equal(3, finished.Samples["beam"].Spills);

        // A late duplicate after the end changes nothing either.
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00001", Summary(100)));
        coordinator.Tell(GetCampaignStatus.Instance, TestActor);
        var status = FishForMessage<CampaignProgress>(_ => true);
        Assert.Equal(3, status.DoneSpills);
        Assert.Equal(300, status.EventsProcessed);
    }

    [Fact]
    public void A_spill_lost_without_any_member_going_is_sent_again_once_overdue_not_after_the_spill_timeout()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        // The spill timeout is ten minutes: only the overdue rule can bring the lost spill back within the test.
        var settings = new CoordinatorSettings(1, TimeSpan.FromMinutes(10)) { SpillOverdue = TimeSpan.FromSeconds(1) };
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 2), Conditions, region, listener, settings));

        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        var lost = region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        // Never answered, as a message dropped in a shard's hand-off: sent again under the same name.
        var again = region.ExpectMsg<ProcessSpill>(TimeSpan.FromSeconds(15));
        Assert.Equal((lost.Spill.SpillId, lost.EntityId), (again.Spill.SpillId, again.EntityId));
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00001", Summary(100)));

        var finished = listener.FishForMessage<CampaignFinished>(_ => true);
        Assert.Equal((2, 200L), (finished.DoneSpills, finished.Samples["beam"].Events));
    }

    [Theory]
    [InlineData(0, 600)]          // no answer yet: the spill timeout
    [InlineData(0.001, 30)]       // fast answers: the floor
    [InlineData(20, 80)]          // 4 × the slowest answer
    [InlineData(3600, 600)]       // never beyond the spill timeout
    public void A_spill_is_overdue_after_four_times_the_slowest_answer_within_the_floor_and_the_spill_timeout(double slowestSeconds, double overdueSeconds)
    {
        var settings = new CoordinatorSettings(2, TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromSeconds(overdueSeconds), settings.OverdueAfter(TimeSpan.FromSeconds(slowestSeconds)));
    }

    [Fact]
    public void A_spill_whose_summary_bytes_are_not_a_summary_is_quarantined_and_the_campaign_goes_on()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 2), Conditions, region, listener, new CoordinatorSettings(2, TimeSpan.FromMinutes(10))));
        region.ExpectMsg<ProcessSpill>();
        region.ExpectMsg<ProcessSpill>();

        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", [SummaryCodec.Version, 1, 2, 3]));
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00001", Summary(100)));

        var finished = listener.FishForMessage<CampaignFinished>(_ => true);
        Assert.Equal((1, 100L), (finished.DoneSpills, finished.Samples["beam"].Events));
        var q = Assert.Single(finished.Quarantined);
        Assert.Equal(("beam-r1-s00000", -1L, 100L), (q.SpillId, q.Offset, q.Events));
        Assert.Equal(100, finished.QuarantinedEvents);
        Assert.StartsWith("its summary cannot be read: ", q.Reason);
    }

    [Fact]
    public void A_spill_interrupted_by_a_shard_hand_off_is_sent_again_at_once_under_the_same_name()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        // The spill timeout is ten minutes: only the interruption can bring the spill back within the test.
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 2), Conditions, region, listener, new CoordinatorSettings(1, TimeSpan.FromMinutes(10))));
        var first = region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000");

        coordinator.Tell(new SpillInterrupted("coord", "beam-r1-s00001")); // not in flight: nothing to send
        coordinator.Tell(new SpillInterrupted("coord", "beam-r1-s00000"));
        Assert.Equal(first, region.ExpectMsg<ProcessSpill>());
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00001", Summary(100)));
        Assert.Equal(200, listener.FishForMessage<CampaignFinished>(_ => true).Samples["beam"].Events);
    }

    [Fact]
    public void With_placement_each_spill_goes_to_the_node_with_fewer_spills_in_flight()
    {
        const int shards = 8;
        var a = new Address("akka.tcp", "na64", "10.0.0.1", 5000);
        var b = new Address("akka.tcp", "na64", "10.0.0.2", 5000);
        var extractor = new SpillMessageExtractor(shards);
        bool OnA(string entityId) => int.Parse(extractor.ShardId(entityId, null!), System.Globalization.CultureInfo.InvariantCulture) < 4;
        static ShardRegionStats Hosting(int from) =>
            new(Enumerable.Range(from, 4).ToImmutableDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => 0), ImmutableHashSet<string>.Empty);
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 6), Conditions, region, listener, new CoordinatorSettings(2, TimeSpan.FromMinutes(10), shards)));

        // The coordinator asks where the spill shards are: A hosts shards 0-3, B shards 4-7.
        region.ExpectMsg<GetClusterShardingStats>();
        region.Reply(new ClusterShardingStats(ImmutableDictionary<Address, ShardRegionStats>.Empty.Add(a, Hosting(0)).Add(b, Hosting(4))));
        // The first two may leave before the answer is in (plain names); from then on every spill goes to the node
        // that does not hold the one still in flight.
        var inFlight = new Queue<ProcessSpill>([region.ExpectMsg<ProcessSpill>(), region.ExpectMsg<ProcessSpill>()]);
        for (var i = 2; i < 6; i++)
        {
            var done = inFlight.Dequeue();
            coordinator.Tell(new SpillDone("coord", done.Spill.SpillId, Summary(100)));
            var next = region.FishForMessage<ProcessSpill>(_ => true);
            Assert.Equal($"beam-r1-s{i:D5}", next.Spill.SpillId);
            Assert.StartsWith("coord." + next.Spill.SpillId, next.EntityId);
            Assert.NotEqual(OnA(inFlight.Peek().EntityId), OnA(next.EntityId));
            inFlight.Enqueue(next);
        }
        foreach (var p in inFlight) coordinator.Tell(new SpillDone("coord", p.Spill.SpillId, Summary(100)));

        var finished = listener.FishForMessage<CampaignFinished>(_ => true);
        Assert.Equal(6, finished.DoneSpills);
        Assert.Equal(600, finished.Samples["beam"].Events);
    }

    [Fact]
    public void A_restarted_coordinator_sends_only_the_spills_not_yet_done()
    {
        var plan = Plan(spills: 4, snapshotEvery: 1);
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var first = Sys.ActorOf(CampaignCoordinator.Props(plan, Conditions, region, listener, new CoordinatorSettings(1, TimeSpan.FromMinutes(10))));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000");
        first.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        first.Tell(new SpillFailed("coord", new QuarantineEntry("beam-r1-s00001", "beam", "f", 12, "bad", 100)));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00002");
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var second = Sys.ActorOf(CampaignCoordinator.Props(plan, Conditions, region, listener, new CoordinatorSettings(1, TimeSpan.FromMinutes(10))));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00002");
        var progress = listener.FishForMessage<CampaignProgress>(p => p.ResumedSpills > 0);
        Assert.Equal(2, progress.ResumedSpills);
        Assert.Equal(1, progress.QuarantinedSpills);
        second.Tell(new SpillDone("coord", "beam-r1-s00002", Summary(100)));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00003");
        second.Tell(new SpillDone("coord", "beam-r1-s00003", Summary(100)));

        var finished = listener.FishForMessage<CampaignFinished>(_ => true);
        Assert.Equal(3, finished.DoneSpills);
        Assert.Equal(300, finished.Samples["beam"].Events);
        var q = Assert.Single(finished.Quarantined);
        Assert.Equal(new QuarantineEntry("beam-r1-s00001", "beam", "f", 12, "bad", 100), q);
        Assert.Equal(100, finished.QuarantinedEvents);
    }

    [Fact]
    public void A_journal_of_another_spec_under_the_same_id_is_refused()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var first = Sys.ActorOf(CampaignCoordinator.Props(Plan(), Conditions, region, listener, CoordinatorSettings.Default));
        region.ExpectMsg<ProcessSpill>();
        Watch(first);
        first.Tell(PoisonPill.Instance);
        ExpectTerminated(first);

        var changed = Plan(chunkSize: 50);
        Sys.ActorOf(CampaignCoordinator.Props(changed, Conditions, region, listener, CoordinatorSettings.Default));

        var rejected = listener.FishForMessage<CampaignRejected>(_ => true);
        Assert.Equal("coord", rejected.CampaignId);
        Assert.Contains(changed.SpecHash, rejected.Reason);
    }

    [Fact]
    public void A_spill_that_cannot_be_read_is_tried_again_and_after_every_attempt_the_campaign_stalls_without_counting_it()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var settings = new CoordinatorSettings(2, TimeSpan.FromMinutes(10)) { ReadAttempts = 3, ReadRetry = TimeSpan.FromMilliseconds(50) };
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 2), Conditions, region, listener, settings));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000");
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));

        // Three reads of the second spill, each answered "cannot be read": the second and third come after a wait.
        coordinator.Tell(new SpillHeld("coord", "beam-r1-s00001", "/data/s1", "IOException: Input/output error"));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        coordinator.Tell(new SpillHeld("coord", "beam-r1-s00001", "/data/s1", "IOException: Input/output error"));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00001");
        coordinator.Tell(new SpillHeld("coord", "beam-r1-s00001", "/data/s1", "UnauthorizedAccessException: denied"));

        var stalled = listener.FishForMessage<CampaignStalled>(_ => true);
        Assert.Equal([new HeldSpill("beam-r1-s00001", "/data/s1", "UnauthorizedAccessException: denied")], stalled.Held);
        region.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        coordinator.Tell(GetCampaignStatus.Instance, TestActor);
        var status = FishForMessage<CampaignProgress>(_ => true);
        Assert.Equal((1, 0, 1), (status.DoneSpills, status.QuarantinedSpills, status.HeldSpills));
    }

    [Fact]
    public void A_spill_read_on_a_later_attempt_counts_as_done()
    {
        var region = CreateTestProbe();
        var listener = CreateTestProbe();
        var settings = new CoordinatorSettings(1, TimeSpan.FromMinutes(10)) { ReadAttempts = 3, ReadRetry = TimeSpan.FromMilliseconds(50) };
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(spills: 1), Conditions, region, listener, settings));
        region.ExpectMsg<ProcessSpill>();
        coordinator.Tell(new SpillHeld("coord", "beam-r1-s00000", "/data/s0", "FileNotFoundException: gone"));
        region.ExpectMsg<ProcessSpill>(m => m.Spill.SpillId == "beam-r1-s00000");
        coordinator.Tell(new SpillDone("coord", "beam-r1-s00000", Summary(100)));
        Assert.Equal(1, listener.FishForMessage<CampaignFinished>(_ => true).DoneSpills);
    }

    [Fact]
    public void A_node_asking_for_the_campaigns_conditions_gets_the_document()
    {
        var region = CreateTestProbe();
        var coordinator = Sys.ActorOf(CampaignCoordinator.Props(Plan(), Conditions, region, CreateTestProbe(), CoordinatorSettings.Default));
        var sent = region.ExpectMsg<ProcessSpill>();
        Assert.Equal(Conditions.Hash, sent.ConditionsHash);

        coordinator.Tell(new GetConditions("coord", Conditions.Hash), TestActor);
        Assert.Equal(Conditions, ExpectMsg<CampaignConditions>());
        coordinator.Tell(new GetConditions("coord", new string('0', 64)), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // never another campaign's conditions
    }
}
