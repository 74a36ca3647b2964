using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Results;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;
using Npgsql;
using Xunit.Abstractions;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The journal on PostgreSQL (a throwaway server per test class, see <see cref="PostgresServer"/>): same
/// tables as on SQLite, and a database outage in the middle of a campaign delays it without changing a bit.
/// </summary>
public sealed class PostgresJournalTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task A_campaign_journaled_in_PostgreSQL_gives_the_tables_of_SQLite()
    {
        var plan = PipelineNode.McPlan(id: "pg-same", beamSpills: 4, signalSpills: 2, snapshotEvery: 2);
        var reference = await RunOnSqlite(plan);

        await using (var node = await PipelineNode.StartAsync(postgres.Url, new TestProcessor()))
        {
            var result = await node.RunAsync(plan);
            AssertSameTables(reference, result);
        }

        // The events are in PostgreSQL: one CampaignStarted and one per spill, under the campaign's id.
        await using var connection = new NpgsqlConnection(JournalDatabase.Parse(postgres.Url).ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM journal WHERE persistence_id = 'campaign-pg-same'", connection);
        Assert.Equal(1L + 6, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [PostgresFact]
    public async Task PostgreSQL_stopped_for_10_s_mid_campaign_delays_it_without_changing_the_tables()
    {
        var plan = PipelineNode.McPlan(id: "pg-outage", beamSpills: 6, signalSpills: 3, snapshotEvery: 4);
        var reference = await RunOnSqlite(plan);

        // Spills from the fourth on wait until the database is down: the stop lands after exactly three
        // journaled spills, and the spills in flight finish during the outage (their results are lost
        // with the coordinator and redone after it recovers).
        var databaseDown = new ManualResetEventSlim(false);
        var processor = new GatedProcessor(w => w.Spill >= 3 || w is SimulatedChunk { Sample.Seed: 22 }, databaseDown);
        var options = new PipelineOptions
        {
            DatabasePath = postgres.Url,
            MaxSpillsInFlight = 2,
            MaxChunksInFlightPerSpill = 2,
            // Gated chunks hold their thread: one per chunk in flight.
            ChunkThreads = 4,
            JournalCallTimeout = TimeSpan.FromSeconds(2),
            JournalResetTimeout = TimeSpan.FromSeconds(2),
            Patience = new JournalPatience(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)),
            // The spill actor's answer is lost with the coordinator that asked: resend soon after the restart.
            SpillTimeout = TimeSpan.FromSeconds(5),
        };
        var threeDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var maxDone = 0;
        var progressAfterOutage = new List<CampaignProgress>();
        var outageOver = false;
        await using var node = await PipelineNode.StartAsync(options, processor);
        var run = node.RunAsync(plan, p =>
        {
            maxDone = Math.Max(maxDone, p.DoneSpills);
            if (p.DoneSpills >= 3) threeDone.TrySetResult();
            if (Volatile.Read(ref outageOver)) lock (progressAfterOutage) progressAfterOutage.Add(p);
        }, TimeSpan.FromMinutes(2));

        await threeDone.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await postgres.StopAsync();
        var doneAtStop = maxDone;
        databaseDown.Set();
        // The outage itself is the subject of this test: a real 10 s without a database.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted, "the campaign cannot finish without its journal");
        Assert.Equal(3, maxDone); // nothing was counted while the journal was down
        Volatile.Write(ref outageOver, true);
        await postgres.StartAsync();

        var result = await run;
        output.WriteLine($"done at stop {doneAtStop}; chunk calls {processor.Calls} (without the outage: {plan.Spills.Count * 3})");
        Assert.Equal(3, doneAtStop);
        Assert.Equal(plan.Spills.Count, result.DoneSpills);
        AssertSameTables(reference, result);
        // No spill counted twice: every sample holds exactly its spills and events.
        foreach (var (name, summary) in result.Samples)
        {
            var spills = plan.Spills.Count(s => s.SampleName == name);
            Assert.Equal(spills, summary.Spills);
            Assert.Equal(spills * 1000L, summary.Events);
        }
        // The coordinator came back from the journal: its first report after the outage resumes 3 or more spills.
        lock (progressAfterOutage) Assert.InRange(progressAfterOutage.First(p => p.ResumedSpills > 0).ResumedSpills, 3, plan.Spills.Count);
    }

    private static async Task<CampaignFinished> RunOnSqlite(CampaignPlan plan)
    {
        using var dir = new TempDirectory();
        await using var node = await PipelineNode.StartAsync(dir.File("reference.db"), new TestProcessor());
        return await node.RunAsync(plan);
    }

    private static void AssertSameTables(CampaignFinished expected, CampaignFinished actual)
    {
        Assert.Equal(expected.Samples.Keys, actual.Samples.Keys);
        foreach (var (name, s) in expected.Samples) Assert.Equal(s.Fingerprint(), actual.Samples[name].Fingerprint());
        Assert.Equal(CampaignReport.CutflowCsv(expected), CampaignReport.CutflowCsv(actual));
        Assert.Equal(CampaignReport.HistogramsJson(expected), CampaignReport.HistogramsJson(actual));
    }

    /// <summary>The test physics, with chosen chunks held until a gate opens.</summary>
    private sealed class GatedProcessor(Func<ChunkWork, bool> gated, ManualResetEventSlim gate) : IChunkProcessor
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public SpillSummary Process(ChunkWork work, NA64.Reco.Physics.Detector.DetectorConditions conditions, CancellationToken ct)
        {
            Interlocked.Increment(ref _calls);
            if (gated(work)) gate.Wait(ct);
            return TestProcessor.SummaryOf(work);
        }
    }
}
