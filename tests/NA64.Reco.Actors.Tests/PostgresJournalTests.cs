using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Results;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;
using Npgsql;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The journal on PostgreSQL (a throwaway server per test class, see <see cref="PostgresServer"/>): same tables as on
/// SQLite (outages are in <see cref="JournalOutageTests"/>).
/// </summary>
public sealed class PostgresJournalTests(PostgresServer postgres) : IClassFixture<PostgresServer>
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
        Assert.Equal(CampaignReport.CutflowCsv(CampaignResults.Samples(expected)), CampaignReport.CutflowCsv(CampaignResults.Samples(actual)));
        Assert.Equal(CampaignReport.HistogramsJson(CampaignResults.Samples(expected)), CampaignReport.HistogramsJson(CampaignResults.Samples(actual)));
    }
}
