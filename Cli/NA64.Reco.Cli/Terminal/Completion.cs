namespace NA64.Reco.Cli.Terminal;

/// <summary>Tab completion of command names for the interactive prompt (pure, so it is tested without a terminal).</summary>
public static class Completion
{
    /// <summary>Distinct completions of <paramref name="prefix"/>: full names that start with it, cut after the word being typed.</summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<string> names, string prefix)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
            // Complete one word at a time: "cluster sh" → "cluster show", "cluster sharding".
            var space = name.IndexOf(' ', prefix.Length);
            result.Add(space < 0 ? name : name[..space]);
        }
        return result.ToArray();
    }

    public static string CommonPrefix(IReadOnlyList<string> items)
    {
        if (items.Count == 0) return "";
        var prefix = items[0];
        foreach (var s in items)
        {
            var n = 0;
            while (n < prefix.Length && n < s.Length && prefix[n] == s[n]) n++;
            prefix = prefix[..n];
        }
        return prefix;
    }
}
