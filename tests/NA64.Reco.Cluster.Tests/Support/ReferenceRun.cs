namespace NA64.Reco.Cluster.Tests.Support;

/// <summary>The campaign every cluster test runs, and its tables from <c>na64 run</c> on one node, made once per test class.</summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    /// <summary>
    /// Twelve spills of 20,000 events in two samples, in chunks of 1000: a few seconds of work, so that a node killed
    /// after two spills dies with chunks and spills in flight (a smaller campaign would be over before the kill).
    /// </summary>
    public const string Spec = """
        {
          "id": "cluster-test",
          "chunk_size": 1000,
          "snapshot_every": 3,
          "inputs": { "samples": [
            { "sample": "beam", "spills": 10, "events_per_spill": 20000, "seed": 71 },
            { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 2, "events_per_spill": 20000, "seed": 72 }
          ] }
        }
        """;

    public static readonly string[] Tables = ["summary.json", "cutflow.csv", "histograms.json", "efficiency.csv", "background.json", "limits.csv", "background.csv"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "na64-cluster-ref-" + Guid.NewGuid().ToString("N"));

    public string SpecPath => Path.Combine(_folder, "spec.json");

    public string OutputFolder => Path.Combine(_folder, "out");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(SpecPath, Spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var run = ChildProcess.Node("reference", new Dictionary<string, string>(),
            "run", SpecPath, "--out", OutputFolder, "--db", Path.Combine(_folder, "reference.db"), "--max-chunks", "2", "--cmd-port", "-1");
        Assert.True(await run.WaitForExit(timeout.Token) == 0, run.Output);
    }

    /// <summary>The cluster's tables are the reference's, byte for byte (same code, same conditions, same spec).</summary>
    public void AssertSameTables(string outputFolder, string context)
    {
        foreach (var table in Tables)
        {
            var path = Path.Combine(outputFolder, table);
            Assert.True(File.Exists(path), $"{path} missing\n{context}");
            Assert.True(File.ReadAllBytes(Path.Combine(OutputFolder, table)).AsSpan().SequenceEqual(File.ReadAllBytes(path)),
                $"{table} differs from na64 run's\n{context}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the OS temp cleaner takes it.
        }
        return Task.CompletedTask;
    }
}
