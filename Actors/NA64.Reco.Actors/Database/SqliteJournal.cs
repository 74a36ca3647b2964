using Microsoft.Data.Sqlite;

namespace NA64.Reco.Actors.Database;

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
    /// <remarks>
    /// A file that cannot be created or opened (a read-only file system, a folder in the way), that is not a SQLite
    /// database, or whose schema cannot be read (cut short, overwritten) throws <see cref="JournalUnusableException"/>
    /// with one line naming the file: before the node starts, not as a journal failure of the first campaign.
    /// </remarks>
    public static void Prepare(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            if (Directory.Exists(full)) throw new JournalUnusableException($"journal {full}: is a folder, not a database file");
            var dir = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            // Not pooled: a pooled connection would keep the file open (and a failed file locked) after this check.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString(full)) { Pooling = false }.ToString());
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = cmd.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new JournalUnusableException($"journal {full}: SQLite refused WAL mode (journal_mode = {mode})");
            cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master;";
            cmd.ExecuteScalar();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteCantOpen && WhyNotWritable(Path.GetDirectoryName(full)!) is { } why)
        {
            // SQLite says only "unable to open database file": the file system says why.
            throw new JournalUnusableException($"journal {full}: cannot be created: {why}", ex);
        }
        catch (SqliteException ex)
        {
            throw new JournalUnusableException($"journal {full}: {ex.Message.ReplaceLineEndings(" ")} (SQLite error {ex.SqliteErrorCode})", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new JournalUnusableException($"journal {full}: cannot be created: {ex.Message}", ex);
        }
    }

    private const int SqliteCantOpen = 14;

    /// <summary>Why nothing can be created in <paramref name="folder"/>, or null when something can.</summary>
    private static string? WhyNotWritable(string folder)
    {
        var probe = Path.Combine(folder, $".na64-write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    /// <summary>Journal and snapshot store of Akka.Persistence.Sql on that file (see <see cref="JournalDatabase.Hocon"/>).</summary>
    public static string Hocon(string path) => JournalDatabase.Sqlite(path).Hocon();
}
