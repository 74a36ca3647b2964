using System.Globalization;

namespace NA64.Reco.CommandHost;

/// <summary>The arguments of one command (after its name words): positional values and <c>--name value</c> options.</summary>
public sealed class CommandArguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    /// <param name="flags">Option names that take no value.</param>
    public CommandArguments(IEnumerable<string> words, IReadOnlyList<string>? flags = null)
    {
        string? pending = null;
        foreach (var w in words)
        {
            if (pending is null && w.StartsWith("--", StringComparison.Ordinal) && flags is not null && flags.Contains(w[2..])) _flags.Add(w[2..]);
            else if (pending is not null)
            {
                _options[pending] = w;
                pending = null;
            }
            else if (w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2) pending = w[2..];
            else _positional.Add(w);
        }
        if (pending is not null) throw new CommandException($"option --{pending} needs a value");
    }

    public int Count => _positional.Count;

    public string Required(int index, string name) =>
        index < _positional.Count ? _positional[index] : throw new CommandException($"missing argument {name}");

    public string? Optional(int index) => index < _positional.Count ? _positional[index] : null;

    public int Int(string option, int fallback, int min, int max)
    {
        if (!_options.TryGetValue(option, out var text)) return fallback;
        return ParseInt(text, "--" + option, min, max);
    }

    public int PositionalInt(int index, string name, int fallback, int min, int max) =>
        index < _positional.Count ? ParseInt(_positional[index], name, min, max) : fallback;

    public string? Option(string option) => _options.GetValueOrDefault(option);

    public bool Flag(string flag) => _flags.Contains(flag);

    /// <summary>Rejects options that the command does not know (a typo must not be silently ignored).</summary>
    public void OnlyOptions(params string[] known)
    {
        foreach (var o in _options.Keys)
            if (Array.IndexOf(known, o) < 0) throw new CommandException($"unknown option --{o}");
    }

    private static int ParseInt(string text, string name, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new CommandException($"{name} must be an integer in [{min}, {max}], got '{Shorten(text)}'");
        return value;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
