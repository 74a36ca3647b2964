using System.Runtime.CompilerServices;
using Akka.Actor;
using Microsoft.Data.Sqlite;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Processing;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// Persisted events of version 1, as an earlier build wrote them: <c>Fixtures/journal-v1.db</c> is a SQLite
/// journal of a tiny finished campaign (5 spills, one quarantined, a snapshot after 4). A later build must
/// still read it: recovery gives the totals the current code computes, with no work redone.
/// </summary>
/// <remarks>
/// The fixture is evidence of the past: never regenerate it to make a failing test pass. If the event
/// format changes on purpose, keep this file (old journals must stay readable), add a
/// <c>journal-v2.db</c> next to it and a test for it. To write a fixture from the current code:
/// <c>NA64_WRITE_JOURNAL_FIXTURE=journal-v2.db dotnet test tests/NA64.Reco.Actors.Tests --filter JournalFixtureTests</c>
/// (the file lands in tests/NA64.Reco.Actors.Tests/Fixtures/).
/// </remarks>
public sealed class JournalFixtureTests
{
    private const string FixtureName = "journal-v1.db";

    /// <summary>The campaign in the fixture: change nothing here, or the fixture no longer matches its spec hash.</summary>
    private static CampaignPlan Plan => PipelineNode.McPlan(id: "fixture-v1", beamSpills: 3, signalSpills: 2, eventsPerSpill: 500, chunkSize: 250, snapshotEvery: 2);

    /// <summary>The second beam spill is corrupt: the fixture holds a SpillQuarantined event too.</summary>
    private static TestProcessor Processor() => new() { Corrupt = w => w is SimulatedChunk { Spill: 1, Chunk: 1 } s && s.Sample.Seed == 11 };

    [Fact]
    public async Task A_journal_written_by_the_previous_version_recovers_to_the_same_totals()
    {
        await WriteFixtureIfAsked();
        using var dir = new TempDirectory();
        var expected = await RunFresh(dir.File("fresh.db"));

        var db = dir.File("old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName), db);
        var processor = Processor();
        var resumed = -1;
        await using var node = await PipelineNode.StartAsync(db, processor);
        var recovered = await node.RunAsync(Plan, p => resumed = Math.Max(resumed, p.ResumedSpills));

        Assert.Equal(0, processor.Calls); // everything came from the journal
        Assert.Equal(5, resumed);
        Assert.Equal(expected.DoneSpills, recovered.DoneSpills);
        Assert.Equal(4, recovered.DoneSpills);
        Assert.Equal(expected.Quarantined, recovered.Quarantined);
        Assert.Equal(expected.QuarantinedEvents, recovered.QuarantinedEvents);
        Assert.Equal(expected.Samples.Keys, recovered.Samples.Keys);
        foreach (var (name, s) in expected.Samples) Assert.Equal(s.Fingerprint(), recovered.Samples[name].Fingerprint());
    }

    [Fact]
    public async Task Every_event_of_the_fixture_deserializes_as_version_1()
    {
        using var dir = new TempDirectory();
        var db = dir.File("old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", FixtureName), db);
        using var system = ActorSystem.Create("fixture", Na64Serialization.Hocon);
        var events = await Read(system, db, "SELECT message, identifier, manifest FROM journal WHERE persistence_id = 'campaign-fixture-v1' ORDER BY sequence_number");
        var snapshots = await Read(system, db, "SELECT snapshot, serializer_id, manifest FROM snapshot WHERE persistence_id = 'campaign-fixture-v1'");
        await system.Terminate();

        var started = Assert.IsType<CampaignEvents.CampaignStarted>(events[0]);
        Assert.Equal(1, started.Version);
        Assert.Equal(Plan.SpecHash, started.SpecHash);
        Assert.Equal(5, started.TotalSpills);
        var completed = events.OfType<CampaignEvents.SpillCompleted>().ToArray();
        var quarantined = Assert.Single(events.OfType<CampaignEvents.SpillQuarantined>());
        Assert.Equal(6, events.Count);
        Assert.Equal(4, completed.Length);
        Assert.All(completed, e => Assert.Equal(1, e.Version));
        Assert.All(completed, e => Assert.Equal(500, SummaryCodec.Decode(e.Summary).Events));
        Assert.Equal(1, quarantined.Version);
        Assert.Equal("beam-r1-s00001", quarantined.SpillId);

        // The snapshot after four finished spills (older ones were deleted).
        var snapshot = Assert.IsType<CampaignEvents.CampaignSnapshot>(Assert.Single(snapshots));
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(3, snapshot.DoneSpills.Length);
        Assert.Equal("beam-r1-s00001", Assert.Single(snapshot.Quarantined).SpillId);
        Assert.Equal(1500, snapshot.Samples.Sum(t => SummaryCodec.Decode(t.Summary).Events));
    }

    /// <summary>Rows of (payload, serializer id, manifest), deserialized as the persistence plugin does.</summary>
    private static async Task<List<object>> Read(ActorSystem system, string db, string sql)
    {
        var result = new List<object>();
        await using var connection = new SqliteConnection(SqliteJournal.ConnectionString(db));
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result.Add(system.Serialization.Deserialize((byte[])reader[0], reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return result;
    }

    private static async Task<CampaignFinished> RunFresh(string db)
    {
        await using var node = await PipelineNode.StartAsync(db, Processor());
        return await node.RunAsync(Plan);
    }

    /// <summary>With NA64_WRITE_JOURNAL_FIXTURE=name set, runs the campaign on a new journal and stores it as Fixtures/name.</summary>
    private static async Task WriteFixtureIfAsked([CallerFilePath] string thisFile = "")
    {
        var name = Environment.GetEnvironmentVariable("NA64_WRITE_JOURNAL_FIXTURE");
        if (string.IsNullOrEmpty(name)) return;
        using var dir = new TempDirectory();
        var db = dir.File(name);
        await RunFresh(db);
        SqliteConnection.ClearAllPools();
        // One self-contained file: fold the WAL back in and leave WAL mode (Prepare switches it on again when used).
        await using (var connection = new SqliteConnection(SqliteJournal.ConnectionString(db)))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; VACUUM;";
            await cmd.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        var target = Path.Combine(Path.GetDirectoryName(thisFile)!, "Fixtures", name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(db, target, overwrite: true);
    }
}
