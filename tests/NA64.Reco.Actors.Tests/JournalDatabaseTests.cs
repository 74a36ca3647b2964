using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Actors.Tests.Support;
using Npgsql;

namespace NA64.Reco.Actors.Tests;

/// <summary>The <c>--db</c> value: a postgres:// URL or a SQLite path, and what each gives the persistence plugin.</summary>
public sealed class JournalDatabaseTests
{
    [Fact]
    public void A_postgres_url_becomes_an_Npgsql_connection_string_with_the_PostgreSQL_15_provider()
    {
        var db = JournalDatabase.Parse("postgres://na64:s%40cret:x@db.example.org:6543/campaigns?sslmode=require");

        Assert.True(db.IsPostgres);
        Assert.Null(db.SqlitePath);
        Assert.Equal("PostgreSQL.15", db.ProviderName);
        var cs = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        Assert.Equal("db.example.org", cs.Host);
        Assert.Equal(6543, cs.Port);
        Assert.Equal("campaigns", cs.Database);
        Assert.Equal("na64", cs.Username);
        Assert.Equal("s@cret:x", cs.Password);
        Assert.Equal(SslMode.Require, cs.SslMode);
        Assert.Equal("postgres://na64:***@db.example.org:6543/campaigns?sslmode=require", db.Display);
        Assert.DoesNotContain("cret", db.Display);
        Assert.Contains("provider-name = \"PostgreSQL.15\"", db.Hocon());
        Assert.Contains("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", db.Hocon());
    }

    [Fact]
    public void Defaults_port_5432_and_accepts_the_postgresql_scheme_without_a_password()
    {
        var cs = new NpgsqlConnectionStringBuilder(JournalDatabase.Parse("postgresql://reader@localhost/na64").ConnectionString);
        Assert.Equal(5432, cs.Port);
        Assert.Equal("reader", cs.Username);
        Assert.Null(cs.Password);
    }

    [Theory]
    [InlineData("postgres://user:pw@host:5432/")]
    [InlineData("postgres://user:pw@host:5432/db?nonsense_key=1")]
    [InlineData("postgres://user:pw@host:5432/db?novalue")]
    public void A_bad_url_is_refused_without_echoing_its_password(string url)
    {
        var e = Assert.Throws<FormatException>(() => JournalDatabase.Parse(url));
        Assert.DoesNotContain(":pw@", e.Message);
    }

    [Fact]
    public void Anything_else_is_a_SQLite_file()
    {
        using var dir = new TempDirectory();
        var db = JournalDatabase.Parse(dir.File("campaign.db"));
        Assert.False(db.IsPostgres);
        Assert.Equal(dir.File("campaign.db"), db.SqlitePath);
        Assert.Equal("SQLite.MS", db.ProviderName);
        Assert.Contains("call-timeout = 2000ms", db.Hocon(callTimeout: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_journal_that_never_answers_ends_the_node_with_the_reason_once_the_patience_is_spent()
    {
        var options = new PipelineOptions
        {
            // Nothing listens there: every journal call is refused at once.
            DatabasePath = $"postgres://nobody@127.0.0.1:{ClosedPort()}/none",
            Patience = new JournalPatience(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)),
            JournalCallTimeout = TimeSpan.FromMilliseconds(500),
        };
        await using var node = await PipelineNode.StartAsync(options, new TestProcessor());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAsync<CampaignInterruptedException>(() => node.RunAsync(PipelineNode.McPlan(id: "nodb"), timeout: TimeSpan.FromSeconds(30)));

        // The campaign manager gave up after its patience and ended the node, with a one-line reason.
        await node.System.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        var reason = Assert.IsType<JournalSupervisor.JournalUnusableReason>(Akka.Actor.CoordinatedShutdown.Get(node.System).ShutdownReason);
        Assert.StartsWith("manager: journal failing for more than 2 s: ", reason.Message);
        Assert.DoesNotContain('\n', reason.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 2, 20);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
