using System.Text.Json;
using System.Text.Json.Nodes;

namespace NA64.Reco.Bench;

/// <summary>The figures of one <c>na64-bench</c> run (stable keys, see <see cref="BenchKeys"/>), and what was not measured and why.</summary>
public sealed class BenchReport
{
    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    /// <summary>Key → why it was not measured; such a key has no figure (never a made-up one).</summary>
    public SortedDictionary<string, string> NotMeasured { get; } = new(StringComparer.Ordinal);

    public double? Get(string key) => Figures.TryGetValue(key, out var v) ? v : null;

    public void Set(string key, double? value, string reasonIfMissing)
    {
        if (value is { } v) Figures[key] = v;
        else NotMeasured[key] = reasonIfMissing;
    }

    public JsonObject ToJson()
    {
        var figures = new JsonObject();
        foreach (var (k, v) in Figures) figures[k] = v;
        var missing = new JsonObject();
        foreach (var (k, v) in NotMeasured) missing[k] = v;
        return new JsonObject { ["schema"] = "na64.bench/1", ["figures"] = figures, ["not_measured"] = missing };
    }

    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        ToJson().WriteTo(writer);
    }
}
