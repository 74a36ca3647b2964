using System.Globalization;

namespace NA64.Reco.CommandHost;

/// <summary>
/// One parsed request line: optional <c>token=T</c>, the palette, the words after it and the <c>--json</c> flag.
/// Words are separated by white space; none of the commands takes an argument with spaces (paths travel as base64).
/// </summary>
public sealed class CommandRequest
{
    private CommandRequest(string? token, string palette, IReadOnlyList<string> words, bool json)
    {
        Token = token;
        Palette = palette;
        Words = words;
        Json = json;
    }

    public string? Token { get; }
    public string Palette { get; }
    /// <summary>The words after the palette name (command name words first, then arguments), <c>--json</c> removed.</summary>
    public IReadOnlyList<string> Words { get; }
    public bool Json { get; }

    /// <summary>Null for an empty line.</summary>
    public static CommandRequest? Parse(string line)
    {
        var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        string? token = null;
        if (words.Count > 0 && words[0].StartsWith("token=", StringComparison.Ordinal))
        {
            token = words[0]["token=".Length..];
            words.RemoveAt(0);
        }
        var json = words.RemoveAll(w => w == "--json") > 0;
        if (words.Count == 0) return token is null ? null : new CommandRequest(token, "", [], json);
        return new CommandRequest(token, words[0].ToLowerInvariant(), words.Skip(1).ToArray(), json);
    }
}
