using System.Text.Json;
using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using Parquet;
using Parquet.Schema;

namespace NA64.Reco.Cli.Export;

/// <summary>
/// The event export of a finished campaign as a dataset: the chunk files of each sample, in (run, spill, chunk) order,
/// become one zstd-compressed file per sample (Arrow IPC: one record batch per chunk; Parquet: one row group per
/// chunk), carrying the campaign's provenance and the sample's exposure in the file metadata (keys
/// <c>na64.*</c>, docs/campaign-spec.md "Event export"), taken from the campaign's summary.json, the one source of
/// those numbers. The chunk files are removed once their sample's file is complete.
/// </summary>
public static partial class EventDataset
{
    public const string Schema = "na64.events/1";

    /// <summary>Writes the sample files and returns their paths, by sample name.</summary>
    public static IReadOnlyList<string> Write(EventExportOptions options, string summaryJsonPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (campaign, samples) = ReadSummary(summaryJsonPath);
        var chunks = Directory.Exists(options.ChunkDirectory) ? Directory.GetFiles(options.ChunkDirectory, "*.arrow") : [];
        var bySample = chunks
            .Select(path => (Path: path, Match: ChunkName().Match(Path.GetFileName(path))))
            .Where(c => c.Match.Success)
            .Select(c => (c.Path, Sample: c.Match.Groups[1].Value, Run: int.Parse(c.Match.Groups[2].Value), Spill: int.Parse(c.Match.Groups[3].Value),
                Chunk: int.Parse(c.Match.Groups[4].Value)))
            .GroupBy(c => c.Sample, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var written = new List<string>();
        foreach (var group in bySample)
        {
            var files = group.OrderBy(c => c.Run).ThenBy(c => c.Spill).ThenBy(c => c.Chunk).Select(c => c.Path).ToArray();
            var metadata = new Dictionary<string, string>(campaign, StringComparer.Ordinal)
            {
                ["na64.schema"] = Schema,
                ["na64.sample"] = group.Key,
                ["na64.selection"] = options.Selection,
            };
            if (samples.TryGetValue(group.Key, out var exposure))
                foreach (var (k, v) in exposure) metadata[k] = v;
            var target = options.SampleFileFor(group.Key);
            var temp = target + ".tmp";
            if (options.Format == ExportFormat.Parquet) WriteParquet(files, temp, metadata);
            else WriteArrow(files, temp, metadata);
            File.Move(temp, target, overwrite: true);
            foreach (var f in files) File.Delete(f);
            written.Add(target);
        }
        if (Directory.Exists(options.ChunkDirectory) && !Directory.EnumerateFileSystemEntries(options.ChunkDirectory).Any())
            Directory.Delete(options.ChunkDirectory);
        return written;
    }

    private static void WriteArrow(IReadOnlyList<string> chunks, string path, IReadOnlyDictionary<string, string> metadata)
    {
        var ipc = new IpcOptions { CompressionCodec = CompressionCodecType.Zstd, CompressionCodecFactory = new CompressionCodecFactory() };
        using var stream = File.Create(path);
        ArrowFileWriter? writer = null;
        try
        {
            foreach (var chunk in chunks)
            {
                using var batch = ReadChunk(chunk);
                if (writer is null)
                {
                    var schema = new Apache.Arrow.Schema.Builder();
                    foreach (var f in batch.Schema.FieldsList) schema.Field(f);
                    foreach (var (k, v) in metadata) schema.Metadata(k, v);
                    writer = new ArrowFileWriter(stream, schema.Build(), leaveOpen: true, ipc);
                }
                writer.WriteRecordBatch(batch);
            }
            writer?.WriteEnd();
        }
        finally
        {
            writer?.Dispose();
        }
    }

    private static void WriteParquet(IReadOnlyList<string> chunks, string path, IReadOnlyDictionary<string, string> metadata)
    {
        using var stream = File.Create(path);
        ParquetWriter? writer = null;
        ParquetSchema? schema = null;
        try
        {
            foreach (var chunk in chunks)
            {
                using var batch = ReadChunk(chunk);
                if (schema is null)
                {
                    schema = new ParquetSchema(batch.Schema.FieldsList.Select(ParquetField).ToArray());
                    writer = ParquetWriter.CreateAsync(schema, stream, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }).GetAwaiter().GetResult();
                    writer.CustomMetadata = metadata.ToDictionary(kv => kv.Key, kv => kv.Value);
                }
                using var rowGroup = writer!.CreateRowGroup();
                for (var i = 0; i < batch.ColumnCount; i++)
                {
                    var field = schema.DataFields[i];
                    var task = batch.Column(i) switch
                    {
                        StringArray s => rowGroup.WriteAsync(field, Enumerable.Range(0, s.Length).Select(r => s.GetString(r)).ToArray()),
                        Int32Array a => rowGroup.WriteAsync(field, new ReadOnlyMemory<int>(a.Values.ToArray())),
                        Int64Array a => rowGroup.WriteAsync(field, new ReadOnlyMemory<long>(a.Values.ToArray())),
                        DoubleArray a => rowGroup.WriteAsync(field, new ReadOnlyMemory<double>(a.Values.ToArray())),
                        var other => throw new InvalidOperationException($"{chunk}: column {field.Name} of type {other.Data.DataType.Name} has no Parquet mapping"),
                    };
                    task.GetAwaiter().GetResult();
                }
            }
        }
        finally
        {
            writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static DataField ParquetField(Apache.Arrow.Field f) => f.DataType switch
    {
        Apache.Arrow.Types.StringType => new DataField<string>(f.Name, false),
        Apache.Arrow.Types.Int32Type => new DataField<int>(f.Name, false),
        Apache.Arrow.Types.Int64Type => new DataField<long>(f.Name, false),
        Apache.Arrow.Types.DoubleType => new DataField<double>(f.Name, false),
        var t => throw new InvalidOperationException($"column {f.Name} of type {t.Name} has no Parquet mapping"),
    };

    private static RecordBatch ReadChunk(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        return reader.ReadNextRecordBatch() ?? throw new InvalidDataException($"{path}: no record batch");
    }

    /// <summary>The campaign's provenance and each sample's exposure, as metadata entries, from summary.json.</summary>
    private static (Dictionary<string, string> Campaign, Dictionary<string, Dictionary<string, string>> Samples) ReadSummary(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var c = root.GetProperty("campaign");
        var campaign = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["na64.campaign"] = c.GetProperty("id").GetString()!,
            ["na64.spec_hash"] = c.GetProperty("spec_hash").GetString()!,
            ["na64.conditions_id"] = c.GetProperty("conditions_id").GetString()!,
            ["na64.conditions_hash"] = c.GetProperty("conditions_hash").GetString()!,
            ["na64.code_version"] = c.GetProperty("code_version").GetString()!,
            ["na64.input_digest"] = c.GetProperty("input_digest").GetString()!,
            ["na64.reference_eot"] = root.GetProperty("eot").GetRawText(),
        };
        var samples = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var s in root.GetProperty("samples").EnumerateArray())
        {
            var entry = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["na64.sample_kind"] = s.GetProperty("kind").GetString()!,
                ["na64.sample_events"] = s.GetProperty("events").GetRawText(),
                ["na64.sample_eot"] = s.GetProperty("eot").GetRawText(),
            };
            if (s.TryGetProperty("equivalent_eot", out var eq)) entry["na64.sample_equivalent_eot"] = eq.GetRawText();
            if (s.TryGetProperty("exposure_basis", out var basis)) entry["na64.sample_exposure_basis"] = basis.GetString()!;
            if (s.GetProperty("kind").GetString() == "signal")
            {
                entry["na64.sample_mass_mev"] = s.GetProperty("mass_mev").GetRawText();
                entry["na64.sample_epsilon"] = s.GetProperty("epsilon").GetRawText();
            }
            samples[s.GetProperty("name").GetString()!] = entry;
        }
        return (campaign, samples);
    }

    [GeneratedRegex(@"^(.+)-r(\d+)-s(\d+)-c(\d+)\.arrow$")]
    private static partial Regex ChunkName();
}
