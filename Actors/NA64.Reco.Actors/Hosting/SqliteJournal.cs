using Microsoft.Data.Sqlite;

namespace NA64.Reco.Actors.Hosting;

/// <summary>The embedded journal database: a SQLite file in WAL mode, and the persistence HOCON that points at it.</summary>
public static class SqliteJournal
{
    /// <summary>linq2db provider name of Microsoft.Data.Sqlite.</summary>
    public const string ProviderName = "SQLite.MS";

    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();

    /// <summary>
    /// Creates the file and switches it to WAL: readers do not block the journal writer, and a killed
    /// process loses no committed event. WAL is a property of the file, so once is enough.
    /// </summary>
    public static void Prepare(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        using var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = cmd.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"SQLite '{path}' refused WAL mode (journal_mode = {mode})");
    }

    /// <summary>Journal and snapshot store of Akka.Persistence.Sql on that file (see <see cref="JournalDatabase.Hocon"/>).</summary>
    public static string Hocon(string path) => JournalDatabase.Sqlite(path).Hocon();
}
