using Npgsql;

namespace NA64.Reco.Actors.Database;

/// <summary>
/// Who may use a journal at once. <c>na64 run</c> takes it exclusively: its embedded campaign manager must be the
/// only one writing the journal. Cluster nodes take it shared (any number of them serve one cluster), so a
/// <c>na64 run</c> on a cluster's database is refused while the cluster runs, and a node refuses to start while a
/// <c>na64 run</c> holds it. SQLite: an advisory <c>flock</c> on <c>&lt;db&gt;.lock</c> beside the file. PostgreSQL: a
/// session advisory lock, held by a connection kept open for the life of the process.
/// </summary>
public sealed class JournalLock : IDisposable
{
    /// <summary>The advisory lock key of the journal ("NA64" in ASCII, as a 64-bit key).</summary>
    public const long PostgresKey = 0x4E413634;

    private readonly IDisposable _held;

    private JournalLock(IDisposable held) => _held = held;

    /// <summary>Takes the lock or throws <see cref="JournalInUseException"/>; I/O and connection errors pass through.</summary>
    public static JournalLock Acquire(JournalDatabase database, bool exclusive)
    {
        if (database.SqlitePath is { } path)
        {
            var lockFile = path + ".lock";
            try
            {
                // .NET maps FileShare.None to an exclusive flock and FileShare.ReadWrite to a shared one.
                return new JournalLock(new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, exclusive ? FileShare.None : FileShare.ReadWrite));
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && IsSharingViolation(ex))
            {
                throw InUse(database, exclusive);
            }
        }
        var connection = new NpgsqlConnection(database.ConnectionString);
        try
        {
            connection.Open();
            using var cmd = new NpgsqlCommand(exclusive ? "SELECT pg_try_advisory_lock(@k)" : "SELECT pg_try_advisory_lock_shared(@k)", connection);
            cmd.Parameters.AddWithValue("k", PostgresKey);
            if (cmd.ExecuteScalar() is not true) throw InUse(database, exclusive);
            return new JournalLock(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose() => _held.Dispose();

    private static JournalInUseException InUse(JournalDatabase database, bool exclusive) => new(exclusive
        ? $"journal {database.Display} is in use by another process (a na64 run, or the nodes of a cluster): stop it, or give this run another --db"
        : $"journal {database.Display} is in use by a na64 run: stop it before starting cluster nodes on it");

    // EWOULDBLOCK from flock surfaces as the sharing-violation IOException; its HResult is EWOULDBLOCK (11) on Linux.
    private static bool IsSharingViolation(IOException ex) => ex.HResult is 11 or 35 or 32 or unchecked((int)0x80070020);
}

