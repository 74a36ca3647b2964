using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace NA64.Reco.Bench.ControlPlane;

/// <summary>
/// <c>na64-bench control-plane</c>: the spills per second one coordinator, its journal and sharding sustain with
/// no-op chunks (<see cref="ControlPlaneBench"/>), with Akka's in-memory journal, on the SQLite journal and, given
/// <c>--postgres URL</c>, on PostgreSQL, for each worker count; one Markdown row per measurement. <c>--worker</c> (hidden) is one of its
/// worker processes.
/// </summary>
public static class ControlPlaneCommand
{
    public static Command Create()
    {
        var workers = new Option<string>("--workers") { Description = "Worker node processes, ascending, comma-separated", DefaultValueFactory = _ => "1,4,16" };
        var spills = new Option<int>("--spills") { Description = "Spills of each measured campaign (one event, one chunk each)", DefaultValueFactory = _ => 4000 };
        var warmUp = new Option<int>("--warm-up-spills") { Description = "Spills of the warm-up campaign before each measurement", DefaultValueFactory = _ => 1000 };
        var maxSpills = new Option<int>("--max-spills") { Description = "Spills in flight per worker (na64 node's --max-spills)", DefaultValueFactory = _ => NA64.Reco.Cli.Commands.NodeCommand.DefaultMaxSpillsPerWorker };
        var postgres = new Option<string?>("--postgres") { Description = "Also measure on this PostgreSQL journal (postgres://USER[:PW]@HOST:PORT/DB; an empty database)" };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the measurements as JSON to this file" };
        // Internal: one worker process of the bench's cluster.
        var worker = new Option<bool>("--worker") { Hidden = true };
        var seeds = new Option<string?>("--seeds") { Hidden = true };
        var port = new Option<int>("--port") { Hidden = true };
        var db = new Option<string?>("--db") { Hidden = true };
        var command = new Command("control-plane", "Spills per second through one coordinator, its journal and sharding, with chunks that cost nothing")
            { workers, spills, warmUp, maxSpills, postgres, json, worker, seeds, port, db };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(worker))
            {
                await ControlPlaneBench.RunWorkerAsync(parse.GetValue(seeds)!, parse.GetValue(port), parse.GetValue(db)!, ct);
                return 0;
            }
            var error = parse.InvocationConfiguration.Error;
            var counts = new List<int>();
            foreach (var w in parse.GetValue(workers)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || (counts.Count > 0 && n <= counts[^1]))
                {
                    await error.WriteLineAsync($"na64-bench control-plane: --workers '{parse.GetValue(workers)}': counts must be positive integers in strictly ascending order");
                    return 2;
                }
                counts.Add(n);
            }
            if (counts.Count == 0 || parse.GetValue(spills) < 1 || parse.GetValue(warmUp) < 1 || parse.GetValue(maxSpills) < 1)
            {
                await error.WriteLineAsync("na64-bench control-plane: --workers, --spills, --warm-up-spills and --max-spills must be at least 1");
                return 2;
            }
            var dir = Directory.CreateTempSubdirectory("na64-bench-control-plane-journal-");
            try
            {
                var all = new List<ControlPlaneBench.Measurement>();
                // In memory: what the coordinator and sharding cost without a journal, the bound the journals approach.
                var journals = new List<(string Name, string Db, bool InMemory)>
                    { ("memory", Path.Combine(dir.FullName, "unused.db"), true), ("sqlite", Path.Combine(dir.FullName, "journal.db"), false) };
                if (parse.GetValue(postgres) is { } url) journals.Add(("postgresql", url, false));
                try
                {
                    foreach (var (name, database, inMemory) in journals)
                        all.AddRange(await ControlPlaneBench.RunAsync(name, database, inMemory, counts, parse.GetValue(spills), parse.GetValue(warmUp), parse.GetValue(maxSpills), error, ct));
                }
                catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
                {
                    await error.WriteLineAsync("na64-bench control-plane: " + ex.Message);
                    return 1;
                }
                var output = parse.InvocationConfiguration.Output;
                await output.WriteLineAsync("| journal | workers | spills | seconds | spills/s | spills per coordinator CPU-second |");
                await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: |");
                foreach (var m in all)
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"| {m.Journal} | {m.Workers} | {m.Spills} | {m.Seconds:F2} | {m.SpillsPerSecond:N0} | {m.SpillsPerCoordinatorCpuSecond:N0} |"));
                if (parse.GetValue(json) is { } file) await File.WriteAllBytesAsync(file.FullName, JsonSerializer.SerializeToUtf8Bytes(all), ct);
                return 0;
            }
            finally
            {
                try { dir.Delete(recursive: true); } catch (IOException) { }
            }
        });
        return command;
    }
}
