using Akka.Persistence.Sql.Hosting;
using Npgsql;

namespace NA64.Reco.Actors.Database;

/// <summary>
/// Where the campaign journal and snapshots live, from the <c>--db</c> value shared by <c>na64 run</c> and
/// <c>na64 node</c>: a <c>postgres://user:password@host:port/database</c> URL (PostgreSQL through
/// Akka.Persistence.Sql, provider <see cref="PostgresProvider"/>) or a SQLite file path.
/// </summary>
/// <param name="ConnectionString">The ADO.NET connection string (Npgsql or Microsoft.Data.Sqlite).</param>
/// <param name="ProviderName">linq2db provider name.</param>
/// <param name="SqlitePath">The SQLite file (full path); null for PostgreSQL.</param>
/// <param name="Display">What logs may print: the URL without its password, or the file.</param>
public sealed record JournalDatabase(string ConnectionString, string ProviderName, string? SqlitePath, string Display)
{
    /// <summary>linq2db provider of PostgreSQL 15 and later (the Debian package and the k8s image are 15+).</summary>
    public const string PostgresProvider = "PostgreSQL.15";

    public bool IsPostgres => SqlitePath is null;

    /// <summary>A <c>postgres://</c> or <c>postgresql://</c> URL, or else a SQLite path (relative to the working directory).</summary>
    public static JournalDatabase Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? Postgres(value)
            : Sqlite(value);
    }

    public static JournalDatabase Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new JournalDatabase(SqliteJournal.ConnectionString(full), SqliteJournal.ProviderName, full, full);
    }

    /// <summary>
    /// <c>postgres://user[:password]@host[:port]/database[?key=value&amp;...]</c>; user and password are
    /// percent-decoded, query keys are Npgsql connection-string keywords (e.g. <c>sslmode=require</c>).
    /// </summary>
    public static JournalDatabase Postgres(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"'{Redact(url)}' is not a postgres://user:password@host:port/database URL");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length == 0) throw new FormatException($"'{Redact(url)}' names no database (postgres://user:password@host:port/database)");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            // An unreachable server must fail a journal call quickly: the persistence circuit breaker and
            // the coordinator's backoff handle the retries, not a 15 s connect timeout per attempt.
            Timeout = 5,
        };
        var userInfo = uri.UserInfo;
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new FormatException($"'{Redact(url)}': query part '{pair}' is not key=value");
            try
            {
                builder[Uri.UnescapeDataString(pair[..eq])] = Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"'{Redact(url)}': {e.Message}", e);
            }
        }
        return new JournalDatabase(builder.ConnectionString, PostgresProvider, null, Redact(url));
    }

    /// <summary>SQLite: creates the file in WAL mode. PostgreSQL: nothing (the plugin creates its tables).</summary>
    public void Prepare()
    {
        if (SqlitePath is not null) SqliteJournal.Prepare(SqlitePath);
    }

    /// <summary>
    /// The journal (and query journal) of Akka.Persistence.Sql on this database, default plugin, tables created by
    /// the plugin: what <c>WithSqlPersistence</c> takes, with <see cref="BreakerHocon"/> layered on top.
    /// </summary>
    public SqlJournalOptions JournalOptions() => new(isDefaultPlugin: true)
    {
        ConnectionString = ConnectionString,
        ProviderName = ProviderName,
        AutoInitialize = true,
    };

    /// <summary>The snapshot store of Akka.Persistence.Sql on this database (see <see cref="JournalOptions"/>).</summary>
    public SqlSnapshotOptions SnapshotOptions() => new(isDefaultPlugin: true)
    {
        ConnectionString = ConnectionString,
        ProviderName = ProviderName,
        AutoInitialize = true,
    };

    /// <summary>
    /// What the options of Akka.Persistence.Sql.Hosting cannot say, as HOCON to layer over them: the plugins' circuit
    /// breakers (<paramref name="callTimeout"/>: how long one call may take; <paramref name="resetTimeout"/>: how long
    /// an open breaker refuses calls) and the journal's recovery-event-timeout. <c>SqlJournalOptions</c> and
    /// <c>SqlSnapshotOptions</c> have no property for either.
    /// </summary>
    public static string BreakerHocon(TimeSpan? callTimeout = null, TimeSpan? resetTimeout = null)
    {
        var call = callTimeout ?? TimeSpan.FromSeconds(10);
        // A plugin that cannot reach its database at all never finishes initializing and holds requests: a recovery
        // then waits for recovery-event-timeout (default 30 s), so tie it to the call timeout (a recovery step may
        // take three calls).
        var breaker = $"circuit-breaker {{ max-failures = 5, call-timeout = {Ms(call)}, reset-timeout = {Ms(resetTimeout ?? TimeSpan.FromSeconds(30))} }}";
        return $$"""
            akka.persistence.journal.sql {
              recovery-event-timeout = {{Ms(3 * call)}}
              {{breaker}}
            }
            akka.persistence.snapshot-store.sql {
              {{breaker}}
            }
            """;
    }

    /// <summary>
    /// The same plugins as <see cref="JournalOptions"/>, <see cref="SnapshotOptions"/> and <see cref="BreakerHocon"/>, as
    /// one HOCON for an actor system built without Akka.Hosting (TestKit): the plugin classes are named here because
    /// nothing adds Akka.Persistence.Sql's defaults to such a system.
    /// </summary>
    public string Hocon(TimeSpan? callTimeout = null, TimeSpan? resetTimeout = null)
    {
        var cs = Escape(ConnectionString);
        return $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "{{cs}}"
                  provider-name = "{{ProviderName}}"
                  auto-initialize = on
                }
              }
              query.journal.sql {
                class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
                connection-string = "{{cs}}"
                provider-name = "{{ProviderName}}"
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "{{cs}}"
                  provider-name = "{{ProviderName}}"
                  auto-initialize = on
                }
              }
            }
            {{BreakerHocon(callTimeout, resetTimeout)}}
            """;
    }

    public override string ToString() => Display;

    private static string Ms(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    /// <summary>The URL with its password replaced by <c>***</c>: safe for logs and errors.</summary>
    private static string Redact(string url)
    {
        var at = url.IndexOf('@');
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (at < 0 || scheme < 0 || at < scheme) return url;
        var colon = url.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
