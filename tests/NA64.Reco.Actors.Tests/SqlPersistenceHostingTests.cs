using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Tests.Support;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The persistence of a node (Akka.Persistence.Sql.Hosting's <c>WithSqlPersistence</c> with the breakers layered on
/// top, as <see cref="Hosting.PipelineHosting"/> wires it) and the HOCON of TestKit systems
/// (<see cref="JournalDatabase.Hocon"/>) configure the plugins alike, on SQLite and on PostgreSQL.
/// </summary>
public sealed class SqlPersistenceHostingTests
{
    private static readonly string[] Keys =
    [
        "akka.persistence.journal.plugin",
        "akka.persistence.journal.sql.class",
        "akka.persistence.journal.sql.connection-string",
        "akka.persistence.journal.sql.provider-name",
        "akka.persistence.journal.sql.auto-initialize",
        "akka.persistence.journal.sql.recovery-event-timeout",
        "akka.persistence.journal.sql.circuit-breaker.max-failures",
        "akka.persistence.journal.sql.circuit-breaker.call-timeout",
        "akka.persistence.journal.sql.circuit-breaker.reset-timeout",
        "akka.persistence.query.journal.sql.class",
        "akka.persistence.query.journal.sql.connection-string",
        "akka.persistence.query.journal.sql.provider-name",
        "akka.persistence.snapshot-store.plugin",
        "akka.persistence.snapshot-store.sql.class",
        "akka.persistence.snapshot-store.sql.connection-string",
        "akka.persistence.snapshot-store.sql.provider-name",
        "akka.persistence.snapshot-store.sql.auto-initialize",
        "akka.persistence.snapshot-store.sql.circuit-breaker.max-failures",
        "akka.persistence.snapshot-store.sql.circuit-breaker.call-timeout",
        "akka.persistence.snapshot-store.sql.circuit-breaker.reset-timeout",
    ];

    [Fact]
    public async Task WithSqlPersistence_and_the_breakers_give_the_plugins_of_the_TestKit_HOCON_on_SQLite()
    {
        using var dir = new TempDirectory();
        var db = JournalDatabase.Parse(dir.File("campaign.db"));
        var config = await HostedConfig(db, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

        Assert.Equal(Values(ConfigurationFactory.ParseString(db.Hocon(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)))), Values(config));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(db.ConnectionString, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal(TimeSpan.FromSeconds(6), config.GetTimeSpan("akka.persistence.journal.sql.recovery-event-timeout"));
        Assert.Equal(5, config.GetInt("akka.persistence.snapshot-store.sql.circuit-breaker.max-failures"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.persistence.snapshot-store.sql.circuit-breaker.call-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.persistence.journal.sql.circuit-breaker.reset-timeout"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
    }

    [Fact]
    public async Task WithSqlPersistence_and_the_breakers_give_the_plugins_of_the_TestKit_HOCON_on_PostgreSQL()
    {
        // Nothing connects: the actor system only reads its configuration.
        var db = JournalDatabase.Parse("postgres://na64:s%40cret@db.example.org:6543/campaigns?sslmode=require");
        var config = await HostedConfig(db, callTimeout: null, resetTimeout: null);

        Assert.Equal(Values(ConfigurationFactory.ParseString(db.Hocon())), Values(config));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.query.journal.sql.provider-name"));
        Assert.Equal(db.ConnectionString, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetTimeSpan("akka.persistence.journal.sql.recovery-event-timeout"));
    }

    private static async Task<Config> HostedConfig(JournalDatabase db, TimeSpan? callTimeout, TimeSpan? resetTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("na64", (akka, _) => akka
            .WithSqlPersistence(db.JournalOptions(), db.SnapshotOptions())
            .AddHocon(JournalDatabase.BreakerHocon(callTimeout, resetTimeout), HoconAddMode.Prepend));
        using var host = builder.Build();
        await host.StartAsync();
        var config = host.Services.GetRequiredService<ActorSystem>().Settings.Config;
        await host.StopAsync();
        return config;
    }

    private static string[] Values(Config config) => [.. Keys.Select(k => $"{k} = {config.GetString(k)}")];
}
