using System.Globalization;
using System.Text.Json;

namespace NA64.Reco.CommandHost;

/// <summary>
/// A reply table: named columns and typed cells, written as aligned text (numbers right-aligned) or as a JSON array of
/// objects keyed by column name (numbers stay numbers).
/// </summary>
public sealed class TextTable
{
    private readonly List<object?[]> _rows = [];

    public TextTable(string? title, params string[] columns)
    {
        Title = title;
        Columns = columns;
    }

    public string? Title { get; }
    public IReadOnlyList<string> Columns { get; }
    public IReadOnlyList<object?[]> Rows => _rows;

    public TextTable Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"{cells.Length} cells for {Columns.Count} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void WriteText(List<string> lines)
    {
        if (Title is not null) lines.Add(Title);
        var texts = new string[_rows.Count][];
        var widths = new int[Columns.Count];
        for (var c = 0; c < Columns.Count; c++) widths[c] = Columns[c].Length;
        for (var r = 0; r < _rows.Count; r++)
        {
            texts[r] = new string[Columns.Count];
            for (var c = 0; c < Columns.Count; c++)
            {
                texts[r][c] = Format(_rows[r][c]);
                widths[c] = Math.Max(widths[c], texts[r][c].Length);
            }
        }
        lines.Add(Join(Columns.ToArray(), widths, null));
        lines.Add(string.Join("  ", widths.Select(w => new string('-', w))));
        for (var r = 0; r < _rows.Count; r++) lines.Add(Join(texts[r], widths, _rows[r]));
        if (_rows.Count == 0) lines.Add("(none)");
    }

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var row in _rows)
        {
            w.WriteStartObject();
            for (var c = 0; c < Columns.Count; c++)
            {
                w.WritePropertyName(Columns[c]);
                WriteValue(w, row[c]);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case double: w.WriteNullValue(); break;
            default: w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "-",
        double d when !double.IsFinite(d) => "-",
        double d => d.ToString("G6", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Join(string[] cells, int[] widths, object?[]? values)
    {
        var parts = new string[cells.Length];
        for (var c = 0; c < cells.Length; c++)
        {
            var numeric = values?[c] is int or long or double;
            parts[c] = numeric ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]);
        }
        return string.Join("  ", parts).TrimEnd();
    }
}
