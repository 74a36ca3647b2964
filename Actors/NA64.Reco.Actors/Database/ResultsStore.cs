using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NA64.Reco.Results;
using Npgsql;

namespace NA64.Reco.Actors.Database;

/// <summary>
/// A campaign's results, stored in the campaign database beside its journal (table <c>na64_results</c>): whoever can
/// reach the database gets the results folder of a campaign that ran anywhere (<c>na64 results</c>), and no campaign
/// depends on a writable folder on the node that hosts the campaign manager. A campaign's files are replaced as one
/// transaction: a reader sees the old set or the new one, never half.
/// </summary>
public sealed class ResultsStore(JournalDatabase database)
{
    public const string Table = "na64_results";

    public JournalDatabase Database { get; } = database;

    /// <summary>Replaces the stored results of <paramref name="campaignId"/> with <paramref name="files"/>.</summary>
    public void Save(string campaignId, string specHash, IReadOnlyList<ResultFile> files)
    {
        using var connection = Open();
        EnsureTable(connection);
        using var tx = connection.BeginTransaction();
        using (var delete = Command(connection, $"DELETE FROM {Table} WHERE campaign_id = @c", tx))
        {
            Parameter(delete, "@c", campaignId);
            delete.ExecuteNonQuery();
        }
        foreach (var f in files)
        {
            using var insert = Command(connection,
                $"INSERT INTO {Table} (campaign_id, name, spec_hash, sha256, content) VALUES (@c, @n, @h, @s, @b)", tx);
            Parameter(insert, "@c", campaignId);
            Parameter(insert, "@n", f.Name);
            Parameter(insert, "@h", specHash);
            Parameter(insert, "@s", Convert.ToHexStringLower(SHA256.HashData(f.Content)));
            Parameter(insert, "@b", f.Content);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>The stored files of a campaign in name order, or null when none are stored (not finished, or unknown).</summary>
    public IReadOnlyList<ResultFile>? Load(string campaignId)
    {
        using var connection = Open();
        if (!TableExists(connection)) return null;
        using var select = Command(connection, $"SELECT name, content, sha256 FROM {Table} WHERE campaign_id = @c ORDER BY name", null);
        Parameter(select, "@c", campaignId);
        using var reader = select.ExecuteReader();
        var files = new List<ResultFile>();
        while (reader.Read())
        {
            var name = reader.GetString(0);
            var content = (byte[])reader.GetValue(1);
            if (Convert.ToHexStringLower(SHA256.HashData(content)) != reader.GetString(2))
                throw new InvalidDataException($"{Database.Display}: stored result {campaignId}/{name} does not match its SHA-256");
            files.Add(new ResultFile(name, content));
        }
        return files.Count == 0 ? null : files;
    }

    /// <summary>Campaigns with stored results, by id.</summary>
    public IReadOnlyList<string> Campaigns()
    {
        using var connection = Open();
        if (!TableExists(connection)) return [];
        using var select = Command(connection, $"SELECT DISTINCT campaign_id FROM {Table} ORDER BY campaign_id", null);
        using var reader = select.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private DbConnection Open()
    {
        DbConnection connection = Database.IsPostgres ? new NpgsqlConnection(Database.ConnectionString) : new SqliteConnection(Database.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void EnsureTable(DbConnection connection)
    {
        var blob = Database.IsPostgres ? "BYTEA" : "BLOB";
        using var create = Command(connection,
            $"CREATE TABLE IF NOT EXISTS {Table} (campaign_id TEXT NOT NULL, name TEXT NOT NULL, spec_hash TEXT NOT NULL, sha256 TEXT NOT NULL, content {blob} NOT NULL, PRIMARY KEY (campaign_id, name))",
            null);
        create.ExecuteNonQuery();
    }

    private bool TableExists(DbConnection connection)
    {
        using var probe = Command(connection, Database.IsPostgres
            ? $"SELECT COUNT(*) FROM information_schema.tables WHERE table_name = '{Table}' AND table_schema = current_schema()"
            : $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{Table}'", null);
        return Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static DbCommand Command(DbConnection connection, string sql, DbTransaction? tx)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static void Parameter(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
