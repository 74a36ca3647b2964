using Microsoft.Data.Sqlite;

namespace NA64.Reco.Actors.Supervision;

/// <summary>Classifies a journal failure: transient (an outage, a full disk: wait and retry) or permanent (a corrupt file).</summary>
public static class JournalFailure
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>A SQLite file that is corrupt or not a database: no wait makes it readable.</summary>
    public static bool IsPermanent(Exception ex) =>
        Chain(ex).Any(e => e is SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase });

    /// <summary>One line: the innermost message that says something, without stack or line breaks.</summary>
    public static string Describe(Exception ex)
    {
        var inner = Chain(ex).LastOrDefault(e => !string.IsNullOrWhiteSpace(e.Message)) ?? ex;
        return $"{inner.GetType().Name}: {inner.Message.ReplaceLineEndings(" ")}";
    }

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException agg)
                foreach (var inner in agg.InnerExceptions)
                    foreach (var x in Chain(inner)) yield return x;
        }
    }
}
