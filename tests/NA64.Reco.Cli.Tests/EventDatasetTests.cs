using System.Text.Json;
using Apache.Arrow.Ipc;
using NA64.Reco.Cli.Export;
using ParquetSharp;

namespace NA64.Reco.Cli.Tests;

/// <summary>
/// <c>na64 run --export parquet|arrow</c>: one zstd-compressed file per sample with the campaign's provenance and the
/// sample's exposure in its metadata, read back by a reader other than the writer's library (ParquetSharp for Parquet,
/// Apache Arrow's JavaScript library for Arrow).
/// </summary>
public sealed class EventDatasetTests
{
    private const string Spec = """
        { "id": "export-test", "chunk_size": 500, "inputs": { "samples": [
          { "sample": "beam", "spills": 2, "events_per_spill": 1500, "seed": 3 },
          { "sample": "signal", "mass_mev": 16.7, "epsilon": 1e-4, "spills": 1, "events_per_spill": 1500, "seed": 4 } ] } }
        """;

    private static (string Export, JsonDocument Summary) Run(TempFolder tmp, string format)
    {
        File.WriteAllText(tmp["spec.json"], Spec);
        var (code, _, error) = CliRunner.Run("run", tmp["spec.json"], "--out", tmp["out"], "--export", format, "--cmd-port", "-1");
        Assert.True(code == 0, error);
        return (Path.Combine(tmp["out"], "export"), JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tmp["out"], "summary.json"))));
    }

    /// <summary>The events of a sample that pass the trigger: what the export holds without a prescale.</summary>
    private static long Triggered(JsonDocument summary, string sample) =>
        summary.RootElement.GetProperty("cutflow").GetProperty(sample).EnumerateArray().Single(r => r.GetProperty("cut").GetString() == "trigger").GetProperty("events").GetInt64();

    [Fact]
    public void Parquet_export_is_one_zstd_file_per_sample_with_provenance_read_back_by_the_apache_cpp_reader()
    {
        using var tmp = new TempFolder();
        var (export, summary) = Run(tmp, "parquet");
        using var owned = summary;

        Assert.Equal(["beam.parquet", "signal-16.7MeV.parquet"], Directory.GetFileSystemEntries(export).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var campaign = summary.RootElement.GetProperty("campaign");
        foreach (var sample in new[] { "beam", "signal-16.7MeV" })
        {
            using var file = new ParquetFileReader(Path.Combine(export, sample + ".parquet"));
            var meta = file.FileMetaData;
            var kv = meta.KeyValueMetadata;
            Assert.Equal(EventDataset.Schema, kv["na64.schema"]);
            Assert.Equal("export-test", kv["na64.campaign"]);
            Assert.Equal(campaign.GetProperty("spec_hash").GetString(), kv["na64.spec_hash"]);
            Assert.Equal(campaign.GetProperty("conditions_id").GetString(), kv["na64.conditions_id"]);
            Assert.Equal(campaign.GetProperty("code_version").GetString(), kv["na64.code_version"]);
            Assert.Equal(sample, kv["na64.sample"]);
            Assert.Equal("passing the trigger", kv["na64.selection"]);
            Assert.Equal("3000", kv["na64.reference_eot"]);
            Assert.Equal(EventColumns.Names, Enumerable.Range(0, meta.NumColumns).Select(i => meta.Schema.Column(i).Name));

            // Every triggered event once, in (spill, event) order, and each column zstd-compressed.
            Assert.Equal(Triggered(summary, sample), meta.NumRows);
            var events = new List<(int Spill, long Event)>();
            for (var g = 0; g < meta.NumRowGroups; g++)
            {
                using var group = file.RowGroup(g);
                var n = checked((int)group.MetaData.NumRows);
                for (var c = 0; c < meta.NumColumns; c++)
                    Assert.Equal(Compression.Zstd, group.MetaData.GetColumnChunkMetaData(c).Compression);
                using var spill = group.Column(2).LogicalReader<int>();
                using var number = group.Column(3).LogicalReader<long>();
                events.AddRange(spill.ReadAll(n).Zip(number.ReadAll(n)));
            }
            Assert.Equal(events.Order(), events);
            Assert.Equal(events.Count, events.Distinct().Count());
        }
        using (var beam = new ParquetFileReader(Path.Combine(export, "beam.parquet")))
            Assert.Equal("3000", beam.FileMetaData.KeyValueMetadata["na64.sample_equivalent_eot"]);
        using (var signal = new ParquetFileReader(Path.Combine(export, "signal-16.7MeV.parquet")))
        {
            Assert.Equal("16.7", signal.FileMetaData.KeyValueMetadata["na64.sample_mass_mev"]);
            Assert.Equal("null", signal.FileMetaData.KeyValueMetadata["na64.sample_equivalent_eot"]);
        }
    }

    [Fact]
    public void Arrow_export_is_one_compressed_file_per_sample_whose_schema_carries_the_provenance()
    {
        using var tmp = new TempFolder();
        var (export, summary) = Run(tmp, "arrow");
        using var owned = summary;

        Assert.Equal(["beam.arrow", "signal-16.7MeV.arrow"], Directory.GetFileSystemEntries(export).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var path = Path.Combine(export, "beam.arrow");
        using (var stream = File.OpenRead(path))
        using (var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory()))
        {
            var schema = reader.Schema;
            Assert.Equal("export-test", schema.Metadata["na64.campaign"]);
            Assert.Equal("beam", schema.Metadata["na64.sample"]);
            Assert.Equal("events", schema.Metadata["na64.sample_exposure_basis"]);
            long rows = 0;
            while (reader.ReadNextRecordBatch() is { } batch)
                using (batch) rows += batch.Length;
            Assert.Equal(Triggered(summary, "beam"), rows);
        }
        // Compressed buffers: a reader without a decompressor cannot read the batches.
        using (var stream = File.OpenRead(path))
        using (var plain = new ArrowFileReader(stream))
            Assert.ThrowsAny<Exception>(() => plain.ReadNextRecordBatch());
    }

    [ArrowJsFact]
    public void Arrow_export_reads_back_the_same_rows_and_provenance_with_apache_arrows_javascript_reader()
    {
        using var tmp = new TempFolder();
        var (export, summary) = Run(tmp, "arrow");
        using var owned = summary;

        foreach (var sample in new[] { "beam", "signal-16.7MeV" })
        {
            var path = Path.Combine(export, sample + ".arrow");
            // What the writer's own library reads: the schema's metadata and, row by row, the columns compared.
            Dictionary<string, string> metadata;
            var events = new List<string>();
            var ecal = new List<double>();
            var cuts = new List<string>();
            using (var stream = File.OpenRead(path))
            using (var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory()))
            {
                metadata = reader.Schema.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
                while (reader.ReadNextRecordBatch() is { } batch)
                    using (batch)
                        for (var i = 0; i < batch.Length; i++)
                        {
                            events.Add(((Apache.Arrow.Int64Array)batch.Column("event")).GetValue(i)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            ecal.Add(((Apache.Arrow.DoubleArray)batch.Column("ecal_gev")).GetValue(i)!.Value);
                            cuts.Add(((Apache.Arrow.StringArray)batch.Column("last_cut")).GetString(i));
                        }
            }

            using var js = ArrowJsReader.Read(path, "event", "ecal_gev", "last_cut");
            var root = js.RootElement;
            Assert.Equal(Triggered(summary, sample.StartsWith("beam", StringComparison.Ordinal) ? "beam" : sample), root.GetProperty("rows").GetInt64());
            Assert.Equal(EventColumns.Names, root.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));
            Assert.Equal(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal),
                root.GetProperty("metadata").EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Assert.Equal(sample, metadata["na64.sample"]);
            var values = root.GetProperty("values");
            Assert.Equal(events, values.GetProperty("event").EnumerateArray().Select(v => v.GetString()!));
            Assert.Equal(ecal, values.GetProperty("ecal_gev").EnumerateArray().Select(v => v.GetDouble()));
            Assert.Equal(cuts, values.GetProperty("last_cut").EnumerateArray().Select(v => v.GetString()!));
        }
    }

    [Fact]
    public void Reprocessed_raw_files_export_the_same_rows_as_the_simulation_of_the_same_events()
    {
        // The beam sample of the spec, written to files by `generate` and reprocessed: the same events, so the same
        // rows pass the trigger, through the processor's raw-file path instead of its simulated one.
        using var tmp = new TempFolder();
        var (_, simulated) = Run(tmp, "arrow");
        using var owned = simulated;
        Assert.Equal(0, CliRunner.Run("generate", "--sample", "beam", "--spills", "2", "--events-per-spill", "1500", "--seed", "3", "--out", tmp["raw"]).Code);
        File.WriteAllText(tmp["raw-spec.json"], $$"""{ "id": "raw-export", "chunk_size": 500, "inputs": { "raw": ["{{tmp["raw"]}}"] } }""");
        var (code, _, error) = CliRunner.Run("run", tmp["raw-spec.json"], "--out", tmp["raw-out"], "--export", "arrow", "--cmd-port", "-1",
            "--data-root", tmp["raw"]);
        Assert.True(code == 0, error);
        using var stream = File.OpenRead(Path.Combine(tmp["raw-out"], "export", "beam.arrow"));
        using var reader = new ArrowFileReader(stream, new Apache.Arrow.Compression.CompressionCodecFactory());
        Assert.Equal("raw-export", reader.Schema.Metadata["na64.campaign"]);
        long rows = 0;
        while (reader.ReadNextRecordBatch() is { } batch)
            using (batch) rows += batch.Length;
        Assert.Equal(Triggered(simulated, "beam"), rows);
    }

    [Fact]
    public void An_unknown_export_format_is_a_one_line_error()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp["spec.json"], Spec);
        var (code, _, _) = CliRunner.Run("run", tmp["spec.json"], "--out", tmp["out"], "--export", "csv");
        Assert.Equal(2, code);
    }
}
