using Akka.Hosting;
using Akka.Serialization;
using Microsoft.Data.Sqlite;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Processing;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// Journals written before the guarded JSON serializer replaced Akka's: the events of a campaign journaled by a node
/// with Akka's stock <c>NewtonSoftJsonSerializer</c> as <c>json</c> (as every earlier build had it), stopped half-way,
/// recover on a node with <see cref="Na64JsonSerializer"/>: the journaled spills are not redone, and the totals are
/// those of an uninterrupted run.
/// </summary>
public sealed class StockJsonJournalTests
{
    /// <summary>The binding of the builds before: Akka's own JSON serializer under <c>json</c>, taking every type name.</summary>
    private static readonly HostAdditions StockJson = new(_ => { }, akka =>
        akka.AddHocon("""akka.actor.serializers.json = "Akka.Serialization.NewtonSoftJsonSerializer, Akka" """, HoconAddMode.Prepend));

    private static CampaignPlan Plan => PipelineNode.McPlan(id: "stock-json", beamSpills: 3, signalSpills: 2, eventsPerSpill: 500, chunkSize: 250, snapshotEvery: 2);

    private static PipelineOptions Options(string db) => new() { DatabasePath = db, MaxSpillsInFlight = 2, MaxChunksInFlightPerSpill = 2, ChunkThreads = 4 };

    [Fact]
    public async Task A_journal_written_with_the_stock_json_serializer_recovers_under_the_guarded_one()
    {
        using var dir = new TempDirectory();
        CampaignProtocol.CampaignFinished expected;
        await using (var fresh = await PipelineNode.StartAsync(Options(dir.File("fresh.db")), new TestProcessor())) expected = await fresh.RunAsync(Plan);

        // The old binding journals the beam spills (and a snapshot) while the signal spills hang; then the node stops.
        var db = dir.File("stock.db");
        var journaled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var old = await PipelineNode.StartAsync(Options(db), new TestProcessor { Hold = w => w is SimulatedChunk { Sample.Seed: 22 } },
                         additions: StockJson))
        {
            Assert.Equal(typeof(NewtonSoftJsonSerializer), old.System.Serialization.FindSerializerForType(typeof(CampaignEvents.SpillCompleted)).GetType());
            var run = old.RunAsync(Plan, p => { if (p.Finished >= 3) journaled.TrySetResult(); });
            await journaled.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.False(run.IsCompleted);
        }
        // Events and snapshots were written under Akka's id of json.
        Assert.Equal(new[] { Na64JsonSerializer.Id }, await Column(db, "SELECT DISTINCT identifier FROM journal"));
        Assert.Equal(new[] { Na64JsonSerializer.Id }, await Column(db, "SELECT DISTINCT serializer_id FROM snapshot"));

        var processor = new TestProcessor();
        var resumed = -1;
        await using var node = await PipelineNode.StartAsync(Options(db), processor);
        Assert.IsType<Na64JsonSerializer>(node.System.Serialization.FindSerializerForType(typeof(CampaignEvents.SpillCompleted)));
        var recovered = await node.RunAsync(Plan, p => resumed = Math.Max(resumed, p.ResumedSpills));

        // The beam spills came from the journal; only the signal spills were reconstructed.
        Assert.Equal(3, resumed);
        Assert.Equal(2 * (500 / 250), processor.Calls);
        Assert.Equal(expected.DoneSpills, recovered.DoneSpills);
        Assert.Equal(expected.Samples.Keys, recovered.Samples.Keys);
        foreach (var (name, s) in expected.Samples) Assert.Equal(s.Fingerprint(), recovered.Samples[name].Fingerprint());
        Assert.Equal(0, WireRefusals.Get(node.System).Total);
    }

    private static async Task<int[]> Column(string db, string sql)
    {
        var values = new List<int>();
        await using var connection = new SqliteConnection(SqliteJournal.ConnectionString(db));
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(reader.GetInt32(0));
        return [.. values];
    }
}
