using System.Diagnostics;
using System.Text.RegularExpressions;
using NA64.Reco.Actors.Tests.Support;
using Xunit.Abstractions;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// <c>na64 run</c> (a child process, the real reconstruction) against journal failures: a PostgreSQL server stopped
/// mid-campaign and started again is ridden out with the tables of a clean run; an outage longer than the patience,
/// or a corrupt journal, ends the run with one last error line and exit code 4 within a bounded time.
/// </summary>
public sealed partial class JournalOutageTests(PostgresServer postgres, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
#if DEBUG
    private const int EventsPerSpill = 4000;
#else
    // An optimised build reconstructs ~4x faster: keep the campaign several progress lines long.
    private const int EventsPerSpill = 16000;
#endif

    private static string Spec(string id) => $$"""
        { "id": "{{id}}", "chunk_size": 2000, "snapshot_every": 4, "inputs": { "samples": [
          { "sample": "beam", "spills": 30, "events_per_spill": {{EventsPerSpill}}, "seed": 41 },
          { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 4, "events_per_spill": {{EventsPerSpill / 2}}, "seed": 42 } ] } }
        """;

    private static readonly string[] Tables = ["summary.json", "cutflow.csv", "histograms.json", "limits.csv", "efficiency.csv"];

    [PostgresTheory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task PostgreSQL_stopped_mid_campaign_is_ridden_out_with_the_tables_of_a_clean_run(int outageSeconds)
    {
        using var dir = new TempDirectory();
        var id = $"outage-{outageSeconds}";
        await File.WriteAllTextAsync(dir.File("spec.json"), Spec(id));
        var reference = await Na64Process.Run("run", dir.File("spec.json"), "--out", dir.File("reference"), "--cmd-port", "-1");
        Assert.True(reference.Code == 0, reference.Error);
        var db = await postgres.CreateDatabaseAsync($"outage{outageSeconds}");

        using var run = Process.Start(Na64Process.StartInfo("run", dir.File("spec.json"), "--out", dir.File("out"), "--db", db, "--cmd-port", "-1", "--max-spills", "1"))!;
        var stderr = run.StandardError.ReadToEndAsync();
        var printed = new List<string>();
        try
        {
            // Two spills journaled, the campaign not over: the database goes away for a while.
            while (await run.StandardOutput.ReadLineAsync() is { } line)
            {
                printed.Add(line);
                if (SpillsDone().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 2) break;
            }
            await postgres.StopAsync();
            var stoppedAt = printed.Count;
            await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
            Assert.False(run.HasExited, "the run must wait out the outage, not end");
            await postgres.StartAsync();
            printed.AddRange((await run.StandardOutput.ReadToEndAsync()).Split('\n'));
            await run.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            output.WriteLine(string.Join('\n', printed));
            output.WriteLine(await stderr);
            Assert.True(run.ExitCode == 0, await stderr);
            // The exposure printed is the beam's: the signal samples' simulated electrons are not EOT of the campaign.
            Assert.Contains($"done: 34/34 spills, 0 quarantined, {30 * EventsPerSpill + 4 * (EventsPerSpill / 2)} events, EOT {30 * EventsPerSpill}", printed);
            Assert.True(stoppedAt < printed.Count);
        }
        finally
        {
            if (!run.HasExited) run.Kill();
            await postgres.StartIfStoppedAsync();
        }
        foreach (var table in Tables)
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(dir.File("reference"), table)), await File.ReadAllBytesAsync(Path.Combine(dir.File("out"), table)));
    }

    [PostgresFact]
    public async Task An_outage_longer_than_the_patience_ends_the_run_with_one_error_line_and_exit_4()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), Spec("patience"));
        var db = await postgres.CreateDatabaseAsync("patience");

        using var run = Process.Start(Na64Process.StartInfo("run", dir.File("spec.json"), "--out", dir.File("out"), "--db", db, "--cmd-port", "-1",
            "--max-spills", "1", "--journal-patience", "4"))!;
        var stderr = run.StandardError.ReadToEndAsync();
        try
        {
            while (await run.StandardOutput.ReadLineAsync() is { } line)
                if (SpillsDone().Match(line) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 1) break;
            _ = run.StandardOutput.ReadToEndAsync();
            await postgres.StopAsync();
            var watch = Stopwatch.StartNew();
            // Patience 4 s, back-off at most 15 s, a journal call times out after 10 s: well within a minute.
            await run.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            output.WriteLine($"exited {run.ExitCode} after {watch.Elapsed.TotalSeconds:F1} s");

            Assert.Equal(4, run.ExitCode);
            var last = (await stderr).TrimEnd().Split('\n')[^1];
            Assert.Matches(@"^na64 run: (manager|coordinator): journal failing for more than 4 s: ", last);
            Assert.False(File.Exists(dir.File("out/summary.json")));
        }
        finally
        {
            if (!run.HasExited) run.Kill();
            await postgres.StartIfStoppedAsync();
        }
    }

    [Fact]
    public async Task A_corrupt_journal_ends_the_run_with_one_error_line_and_exit_4()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("spec.json"), Spec("corrupt").Replace("\"spills\": 30", "\"spills\": 6", StringComparison.Ordinal));
        var first = await Na64Process.Run("run", dir.File("spec.json"), "--out", dir.File("out"), "--cmd-port", "-1");
        Assert.True(first.Code == 0, first.Error);
        // 4 KiB of garbage over the root page of the journal table; SQLite's file header still says "SQLite format 3".
        var db = dir.File("out/campaign.db");
        long rootPage, pageSize;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT rootpage FROM sqlite_master WHERE name = 'journal'";
            rootPage = (long)(await cmd.ExecuteScalarAsync())!;
            cmd.CommandText = "PRAGMA page_size";
            pageSize = (long)(await cmd.ExecuteScalarAsync())!;
        }
        using (var file = new FileStream(db, FileMode.Open, FileAccess.Write))
        {
            file.Position = (rootPage - 1) * pageSize;
            file.Write(Enumerable.Range(0, 4096).Select(i => (byte)(i * 131 + 7)).ToArray());
        }

        var watch = Stopwatch.StartNew();
        var again = await Na64Process.Run("run", dir.File("spec.json"), "--out", dir.File("again"), "--db", db, "--cmd-port", "-1");
        output.WriteLine($"exited {again.Code} after {watch.Elapsed.TotalSeconds:F1} s\n{again.Error}");

        Assert.Equal(4, again.Code);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 60);
        var last = again.Error.TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^na64 run: (manager|coordinator): journal unusable: SqliteException: .*(malformed|not a database)", last);
    }

    [GeneratedRegex(@": spills (\d+)/\d+ ")]
    private static partial Regex SpillsDone();
}
