using System.Net;
using System.Text.RegularExpressions;
using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// The same campaign on a cluster of real processes (a seed and na64 nodes on 127.0.0.1, one shared SQLite journal)
/// gives the tables of <c>na64 run</c>, byte for byte — also when a worker is killed, when the node of the campaign
/// manager singleton is killed, and when a worker is scaled down with SIGTERM in the middle.
/// </summary>
public sealed partial class ClusterCampaignTests(ReferenceRun reference) : IClassFixture<ReferenceRun>
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Seed_and_two_workers_give_the_tables_of_na64_run()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        // The first node Up hosts the campaign manager: its --max-spills counts. 2 (not the default 8) so that the
        // limit, and not the 12 spills of the campaign, bounds the spills in flight.
        var worker = await cluster.StartNode("worker-a", "all", "--max-spills", "2");
        var submitter = await cluster.StartNode("worker-b", "all", "--max-spills", "2", "--campaign", reference.SpecPath, "--out", cluster.File("out"));

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
        // --max-spills is per worker node: two workers Up, four spills in flight.
        Assert.Matches(InFlight(4), submitter.Stdout);
        Assert.DoesNotMatch(InFlight(5), submitter.Stdout);

        // The probes of the contract on a member that is Up.
        var port = int.Parse((await worker.WaitFor(HealthPort(), cluster.Token)).Groups[1].Value);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready", cluster.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/alive", cluster.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/health/other", cluster.Token)).StatusCode);
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_loses_nothing_and_counts_nothing_twice()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "worker");
        var coordinator = await cluster.StartNode("coordinator", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));

        // Spills journaled, campaign not over: the worker goes without a word (SIGKILL).
        await coordinator.WaitFor(SpillsDone(2), cluster.Token);
        await worker.KillHard();

        Assert.True(await coordinator.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
    }

    [Fact]
    public async Task The_singleton_moves_when_its_node_is_killed_and_resumes_from_the_journal()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        // The oldest coordinator-capable member hosts the campaign manager: this one, started first.
        var first = await cluster.StartNode("coordinator-1", "all");
        await cluster.StartNode("coordinator-2", "all");
        var submitter = await cluster.StartNode("submitter", "worker", "--campaign", reference.SpecPath, "--out", cluster.File("out"));

        await submitter.WaitFor(SpillsDone(2), cluster.Token);
        await first.KillHard();

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        // The manager on the survivor restarted the campaign's coordinator, which replayed the spills journaled before.
        await submitter.WaitFor(ResumedSome(), cluster.Token);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
    }

    [Fact]
    public async Task A_worker_scaled_down_with_SIGTERM_leaves_gracefully_and_loses_nothing()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "worker");
        var coordinator = await cluster.StartNode("coordinator", "all", "--campaign", reference.SpecPath, "--out", cluster.File("out"));

        await coordinator.WaitFor(SpillsDone(2), cluster.Token);
        await worker.Terminate();

        Assert.True(await worker.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        await worker.WaitFor(LeftCluster(), cluster.Token);
        Assert.True(await coordinator.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);
    }

    [MountFact]
    public async Task A_campaign_whose_spec_folder_is_read_only_on_the_node_ends_done_with_its_results_in_the_database()
    {
        using var cluster = new TestCluster(TestTimeout);
        // The spec in a folder the node cannot write, as a ConfigMap is mounted on a pod with a read-only root.
        using var specs = MountedFolder.Create(sizeKb: 256);
        File.Copy(reference.SpecPath, Path.Combine(specs.Path, "spec.json"));
        specs.MakeReadOnly();
        await cluster.StartSeed();
        await cluster.StartNode("worker", "worker");
        var submitter = await cluster.StartNode("submitter", "all", "--campaign", Path.Combine(specs.Path, "spec.json"));

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        Assert.Matches(@"(?m)^campaign cluster-test accepted .*; done$", submitter.Stdout);
        var (exit, _, output) = await cluster.Na64(["results", "cluster-test", "--db", cluster.Database, "--out", cluster.File("fetched")]);
        Assert.True(exit == 0, output);
        reference.AssertSameTables(cluster.File("fetched"), cluster.AllOutput);
    }

    [Fact]
    public async Task Submit_follow_out_waits_for_the_campaign_and_writes_its_results_where_the_submitter_runs()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        var worker = await cluster.StartNode("worker", "worker");
        var node = await cluster.StartNode("node", "all");
        var host = await cluster.CommandHost(node);

        var (exit, stdout, output) = await cluster.Na64(["submit", reference.SpecPath, "--host", host, "--follow", "--out", cluster.File("job-results")]);

        Assert.True(exit == 0, output);
        Assert.StartsWith("cluster-test\n", stdout);
        Assert.Matches(@"(?m)^cluster-test: 12/12 done, EOT \d+ \| done$", stdout);
        reference.AssertSameTables(cluster.File("job-results"), cluster.AllOutput);

        // The command host's palettes are the results files: one analysis, field by field.
        foreach (var (command, file) in new[] { ("limits", "limits.csv"), ("efficiency", "efficiency.csv") })
        {
            var (cmdExit, json, cmdOutput) = await cluster.Cmd(host, "campaign", command, "cluster-test", "--json");
            Assert.True(cmdExit == 0, cmdOutput);
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            AssertSameRows(File.ReadAllLines(cluster.File($"job-results/{file}")), doc.RootElement.GetProperty(command), file);
        }

        // Each node's /metrics: the events each reconstructed add up to the campaign's, the coordinator's node counts
        // its journaled spills, and every node sees the three members Up.
        var metrics = new Dictionary<string, string>();
        foreach (var (name, process) in new[] { ("worker", worker), ("node", node) })
        {
            var port = (await process.WaitFor(HealthPort(), cluster.Token)).Groups[1].Value;
            using var http = new HttpClient();
            metrics[name] = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", cluster.Token);
        }
        Assert.True(Metric(metrics["worker"], "na64_reco_events_processed") + Metric(metrics["node"], "na64_reco_events_processed") == 240_000,
            metrics["worker"] + metrics["node"]);
        Assert.Equal(12, Metric(metrics["node"], "na64_reco_spills_done"));
        Assert.Equal(240, Metric(metrics["worker"], "na64_reco_chunks_processed") + Metric(metrics["node"], "na64_reco_chunks_processed"));
        foreach (var text in metrics.Values)
        {
            Assert.Equal(3, Metric(text, "na64_reco_cluster_members", "status=\"up\""));
            Assert.Contains("# TYPE na64_reco_chunk_duration histogram", text);
            Assert.Contains("dotnet_collection_count_total", text);
        }
        Assert.Equal(12, Metric(metrics["node"], "na64_reco_journal_write_duration_count"));
        Assert.Equal(0, Metric(metrics["node"], "na64_reco_spills_quarantined"));
        // Every series the Grafana dashboard queries is one the nodes export, by the exporter's own names.
        var exported = string.Join('\n', metrics.Values);
        foreach (var series in DashboardSeries())
            Assert.True(Regex.IsMatch(exported, $"^{Regex.Escape(series)}[{{ ]", RegexOptions.Multiline), $"the dashboard queries {series}, which no node exports\n{exported}");
    }

    [Fact]
    public async Task Workers_joining_in_the_middle_take_over_rebalanced_shards_and_the_tables_stay_exact()
    {
        using var cluster = new TestCluster(TimeSpan.FromSeconds(240));
        // Long enough on one worker (one spill in flight) that the shard coordinator's rebalance (every 10 s) moves spill
        // shards onto the newcomers while spills are in flight.
        var spec = cluster.File("spec.json");
        File.WriteAllText(spec, ReferenceRun.Spec.Replace("\"spills\": 10,", "\"spills\": 60,", StringComparison.Ordinal));
        var (refExit, _, refOutput) = await cluster.Na64(["run", spec, "--out", cluster.File("reference"), "--cmd-port", "-1", "--max-chunks", "2"]);
        Assert.True(refExit == 0, refOutput);
        await cluster.StartSeed();
        // As the backlog autoscaler grows a cluster: a campaign under way on one worker, then two more join.
        await cluster.StartNode("worker-a", "worker");
        var coordinator = await cluster.StartNode("coordinator", "coordinator", "--campaign", spec, "--out", cluster.File("out"), "--max-spills", "1");

        await coordinator.WaitFor(new Regex(@"^cluster-test: spills [2-9]/62 "), cluster.Token);
        var joined = await Task.WhenAll(cluster.StartNode("worker-b", "worker"), cluster.StartNode("worker-c", "worker"));

        // The spill timeout is 600 s: a spill lost in the hand-off would not be sent again within the test's time.
        Assert.True(await coordinator.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        foreach (var table in ReferenceRun.Tables)
            Assert.True(File.ReadAllBytes(cluster.File($"reference/{table}")).AsSpan().SequenceEqual(File.ReadAllBytes(cluster.File($"out/{table}"))), $"{table} differs\n{cluster.AllOutput}");
        // The newcomers did some of the campaign's work: shards had moved onto them while it ran.
        var chunks = 0.0;
        foreach (var node in joined)
        {
            var port = (await node.WaitFor(HealthPort(), cluster.Token)).Groups[1].Value;
            using var http = new HttpClient();
            var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", cluster.Token);
            if (text.Contains("na64_reco_chunks_processed", StringComparison.Ordinal)) chunks += Metric(text, "na64_reco_chunks_processed");
        }
        Assert.True(chunks > 0, "no chunk reconstructed on the workers that joined\n" + cluster.AllOutput);
    }

    [Fact]
    public async Task With_no_worker_a_campaign_waits_wanting_workers_by_its_backlog_and_a_joining_worker_finishes_it()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        // The coordinator of k8s/base: the manager and the command host, no spill work; workers scale from zero.
        var coordinator = await cluster.StartNode("coordinator", "coordinator", "--max-spills", "2");
        var host = await cluster.CommandHost(coordinator);
        var port = (await coordinator.WaitFor(HealthPort(), cluster.Token)).Groups[1].Value;
        using var http = new HttpClient();
        var submit = cluster.Na64(["submit", reference.SpecPath, "--host", host, "--follow", "--out", cluster.File("out")]);

        // 12 spills, 2 in flight per worker: the demand is 6 workers while none is there, and nothing is done.
        // Scraped as Prometheus would, until the coordinator has the campaign (a scrape every 50 ms, not a wait).
        string exposition;
        while (!(exposition = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", cluster.Token)).Contains("na64_reco_campaign_workers_wanted{", StringComparison.Ordinal)
               && !submit.IsCompleted)
            await Task.Delay(50, cluster.Token);
        Assert.Equal(6, Metric(exposition, "na64_reco_campaign_workers_wanted", "campaign=\"cluster-test\""));
        Assert.Equal(6, Metric(exposition, "na64_reco_workers_wanted"));
        Assert.Equal(0, Metric(exposition, "na64_reco_campaign_spills_finished", "campaign=\"cluster-test\""));
        // The backlog while it waits: every spill queued or in flight (sent to a spill region with no worker yet), no EOT.
        Assert.Equal(12, Metric(exposition, "na64_reco_campaign_spills_total", "campaign=\"cluster-test\""));
        Assert.Equal(12, Metric(exposition, "na64_reco_campaign_spills_queued", "campaign=\"cluster-test\"")
                         + Metric(exposition, "na64_reco_campaign_spills_in_flight", "campaign=\"cluster-test\""));
        Assert.Equal(0, Metric(exposition, "na64_reco_campaign_eot", "campaign=\"cluster-test\""));
        Assert.Equal(2, Metric(exposition, "na64_reco_cluster_members", "status=\"up\"")); // the seed and the coordinator
        Assert.Contains("system_runtime_dotnet_thread_pool_queue_length", exposition);
        Assert.Contains("dotnet_collection_count_total", exposition);

        await cluster.StartNode("worker", "worker");
        var (exit, _, output) = await submit;
        Assert.True(exit == 0, output + cluster.AllOutput);
        reference.AssertSameTables(cluster.File("out"), cluster.AllOutput);

        // Finished: nothing is wanted any more, so the workers can go to zero.
        exposition = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics", cluster.Token);
        Assert.Equal(0, Metric(exposition, "na64_reco_campaign_workers_wanted", "campaign=\"cluster-test\""));
        Assert.Equal(0, Metric(exposition, "na64_reco_workers_wanted"));
        Assert.Equal(12, Metric(exposition, "na64_reco_campaign_spills_finished", "campaign=\"cluster-test\""));
    }

    /// <summary>The value of a Prometheus sample (the sum over its label sets that contain <paramref name="label"/>).</summary>
    private static double Metric(string exposition, string name, string label = "")
    {
        var total = 0.0;
        var found = false;
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length <= name.Length || line[name.Length] is not (' ' or '{')) continue;
            if (label.Length > 0 && !line.Contains(label, StringComparison.Ordinal)) continue;
            total += double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            found = true;
        }
        Assert.True(found, $"no {name}{{{label}}} in:\n{exposition}");
        return total;
    }

    /// <summary>Each CSV row is the JSON row of the same index: same columns, equal numbers (an empty field is null), equal text.</summary>
    private static void AssertSameRows(string[] csv, System.Text.Json.JsonElement rows, string file)
    {
        var header = csv[0].Split(',');
        var json = rows.EnumerateArray().ToList();
        Assert.True(json.Count > 0, $"{file}: no rows");
        Assert.Equal(csv.Length - 1, json.Count);
        for (var r = 0; r < json.Count; r++)
        {
            var fields = csv[r + 1].Split(',');
            Assert.Equal(header, json[r].EnumerateObject().Select(p => p.Name).ToArray());
            for (var c = 0; c < header.Length; c++)
            {
                var cell = json[r].GetProperty(header[c]);
                var at = $"{file} row {r + 1} {header[c]}";
                switch (cell.ValueKind)
                {
                    case System.Text.Json.JsonValueKind.Null: Assert.True(fields[c].Length == 0, at); break;
                    case System.Text.Json.JsonValueKind.Number:
                        Assert.True(double.Parse(fields[c], System.Globalization.CultureInfo.InvariantCulture) == cell.GetDouble(), $"{at}: {fields[c]} vs {cell}");
                        break;
                    default: Assert.True(fields[c] == cell.GetString(), $"{at}: {fields[c]} vs {cell}"); break;
                }
            }
        }
    }

    [Theory]
    // The worker starts with the invisible conditions of its own: it takes the campaign's setup document from the
    // coordinator, and its chunks merge into the same counts (muon) or fixed-point weight sums (visible) as one process's.
    [InlineData("cluster-muon", "na64mu-2022", """
        { "sample": "muon", "spills": 6, "events_per_spill": 20000, "seed": 31 },
        { "sample": "zprime", "mass_mev": 50, "spills": 4, "events_per_spill": 10000, "seed": 32 }
        """, "summary.json cutflow.csv efficiency.csv background.csv limits.csv")]
    [InlineData("cluster-visible", "visible-2018", """
        { "sample": "x", "mass_mev": 16.7, "spills": 8, "events_per_spill": 50000, "seed": 41 },
        { "sample": "k0s-pi0pi0", "spills": 1, "events_per_spill": 20000, "seed": 42 },
        { "sample": "k0s-pipi", "spills": 1, "events_per_spill": 20000, "seed": 43 }
        """, "summary.json cutflow.csv efficiency.csv background.csv limits.csv")]
    public async Task A_campaign_of_another_programme_on_a_seed_and_two_nodes_gives_the_tables_of_na64_run(string id, string setup, string samples, string tables)
    {
        using var cluster = new TestCluster(TestTimeout);
        var spec = cluster.File("spec.json");
        File.WriteAllText(spec, $$"""{ "id": "{{id}}", "setup": "{{setup}}", "chunk_size": 7000, "inputs": { "samples": [ {{samples}} ] } }""");
        var (refExit, _, refOutput) = await cluster.Na64(["run", spec, "--out", cluster.File("reference"), "--cmd-port", "-1", "--max-chunks", "2"]);
        Assert.True(refExit == 0, refOutput);

        await cluster.StartSeed();
        await cluster.StartNode("worker", "worker", "--max-spills", "2");
        var submitter = await cluster.StartNode("submitter", "all", "--max-spills", "2", "--campaign", spec, "--out", cluster.File("out"));

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        foreach (var table in tables.Split(' '))
            Assert.True(File.ReadAllBytes(cluster.File($"reference/{table}")).AsSpan().SequenceEqual(File.ReadAllBytes(cluster.File($"out/{table}"))), $"{table} differs\n{cluster.AllOutput}");
        Assert.Contains($"\"conditions_id\": \"{setup}-", File.ReadAllText(cluster.File("out/summary.json")));
        // Both nodes took spills: two in flight on each.
        Assert.Matches(InFlight(4, id), submitter.Stdout);
    }

    [Fact]
    public async Task Conditions_named_by_the_spec_are_used_on_every_node_whatever_conditions_a_node_was_started_with()
    {
        using var cluster = new TestCluster(TestTimeout);
        var conditions = File.ReadAllText(DefaultConditionsFile());
        // The campaign's conditions: a narrower momentum window (the cut-flow shows it). A worker of other conditions
        // (a wider window) must not merge its own into the campaign.
        File.WriteAllText(cluster.File("campaign-conditions.json"),
            conditions.Replace("\"momentumWindowGeV\": 3.0", "\"momentumWindowGeV\": 1.5", StringComparison.Ordinal).Replace(Version(conditions), "\"version\": \"campaign-narrow\"", StringComparison.Ordinal));
        File.WriteAllText(cluster.File("worker-conditions.json"),
            conditions.Replace("\"momentumWindowGeV\": 3.0", "\"momentumWindowGeV\": 6.0", StringComparison.Ordinal).Replace(Version(conditions), "\"version\": \"worker-wide\"", StringComparison.Ordinal));
        var spec = cluster.File("spec.json");
        File.WriteAllText(spec, ReferenceRun.Spec.Replace("\"id\": \"cluster-test\",", "\"id\": \"cluster-test\",\n  \"conditions\": \"campaign-conditions.json\",", StringComparison.Ordinal));
        var (refExit, _, refOutput) = await cluster.Na64(["run", spec, "--out", cluster.File("reference"), "--cmd-port", "-1", "--max-chunks", "2"]);
        Assert.True(refExit == 0, refOutput);

        await cluster.StartSeed();
        await cluster.StartNode("worker", "worker", "--conditions", cluster.File("worker-conditions.json"));
        var submitter = await cluster.StartNode("submitter", "all", "--campaign", spec, "--out", cluster.File("out"));

        Assert.True(await submitter.WaitForExit(cluster.Token) == 0, cluster.AllOutput);
        foreach (var table in ReferenceRun.Tables)
            Assert.True(File.ReadAllBytes(cluster.File($"reference/{table}")).AsSpan().SequenceEqual(File.ReadAllBytes(cluster.File($"out/{table}"))), $"{table} differs\n{cluster.AllOutput}");
        var summary = File.ReadAllText(cluster.File("out/summary.json"));
        Assert.Contains("\"conditions_version\": \"campaign-narrow\"", summary);
        // The default conditions would have kept more events in the momentum window.
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(reference.OutputFolder, "cutflow.csv")), File.ReadAllBytes(cluster.File("out/cutflow.csv")));
    }

    [Fact]
    public async Task SIGTERM_ends_an_idle_node_within_a_few_seconds()
    {
        using var cluster = new TestCluster(TestTimeout);
        await cluster.StartSeed();
        await cluster.StartNode("first", "all");
        var second = await cluster.StartNode("second", "all");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await second.Terminate();
        Assert.Equal(0, await second.WaitForExit(cluster.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"SIGTERM took {watch.Elapsed.TotalSeconds:F1} s\n{cluster.AllOutput}");
        await second.WaitFor(LeftCluster(), cluster.Token);
    }

    /// <summary>The <c>"version": "…"</c> entry of a conditions document.</summary>
    private static string Version(string conditions) => Regex.Match(conditions, "\"version\": \"[^\"]*\"").Value;

    /// <summary>The series the Grafana dashboard's queries name (a histogram's as its <c>_bucket</c> series).</summary>
    private static IEnumerable<string> DashboardSeries()
    {
        using var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Repository.Root, "k8s", "monitoring", "na64-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .SelectMany(e => Regex.Matches(e, @"\b((?:na64_reco|dotnet|system_runtime|process)_[a-z_]+)\b").Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The repository's default conditions (what a node without --conditions uses).</summary>
    private static string DefaultConditionsFile() => Path.Combine(Repository.Root, "Physics", "NA64.Reco.Physics", "Detector", "conditions-default.json");

    /// <summary>A progress line of the <c>--campaign</c> node with at least <paramref name="atLeast"/> (≤ 9, before the end) spills finished.</summary>
    internal static Regex SpillsDone(int atLeast) => new($@"^cluster-test: spills [{atLeast}-9]/12 ");

    private static Regex InFlight(int n, string campaign = "cluster-test") => new($@"(?m)^{campaign}: spills .* in flight {n}\)");

    [GeneratedRegex(@"resumed [1-9]")]
    private static partial Regex ResumedSome();

    [GeneratedRegex(@"health on port (\d+)")]
    private static partial Regex HealthPort();

    [GeneratedRegex("^left the cluster$")]
    private static partial Regex LeftCluster();
}
