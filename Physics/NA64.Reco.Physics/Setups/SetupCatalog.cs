using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// The built-in setups (embedded documents, docs/setups.md) and the one way a setup is named on a command line or in a
/// spec: a built-in's name, or the path of a setup (or conditions) file.
/// </summary>
public static class SetupCatalog
{
    /// <summary>The invisible mode with the default conditions (physics.md §2–§3).</summary>
    public const string Invisible2016 = "invisible-2016";

    /// <summary>NA64μ's 2022 run at M2 (arXiv:2401.01708).</summary>
    public const string Na64Mu2022 = "na64mu-2022";

    /// <summary>NA64's 2017 visible-mode run, 100 GeV (PRL 120 (2018) 231802); its geometry this project's assumption.</summary>
    public const string Visible2017 = "visible-2017";

    /// <summary>NA64's 2018 visible-mode run, 150 GeV (PRD 101 (2020) 071101); its geometry this project's assumption.</summary>
    public const string Visible2018 = "visible-2018";

    /// <summary>The built-ins' names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Invisible2016, Na64Mu2022, Visible2017, Visible2018];

    private static readonly Dictionary<string, Lazy<Setup>> s_builtIn = Names.ToDictionary(n => n, n => new Lazy<Setup>(() => LoadEmbedded(n)));

    /// <summary>The built-in setup of that name, or null.</summary>
    public static Setup? Find(string name) => s_builtIn.TryGetValue(name, out var setup) ? setup.Value : null;

    /// <summary>The setup of a built-in name, else of the file at <paramref name="nameOrPath"/>; a problem is a <see cref="ConditionsException"/>.</summary>
    public static Setup Resolve(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrPath);
        if (Find(nameOrPath) is { } builtIn) return builtIn;
        if (!File.Exists(nameOrPath))
            throw new ConditionsException(nameOrPath, "(file)", $"no such file, and no built-in setup of that name ({string.Join(", ", Names)})", ConditionsException.SetupDocument);
        return Setup.Load(nameOrPath);
    }

    /// <summary>The embedded document of a built-in, as written (for <c>na64 setups NAME</c>, to start a new one from).</summary>
    public static string Text(string name)
    {
        if (!s_builtIn.ContainsKey(name)) throw new ArgumentException($"no built-in setup '{name}'", nameof(name));
        using var reader = new StreamReader(Stream(name));
        return reader.ReadToEnd();
    }

    private static Setup LoadEmbedded(string name)
    {
        using var stream = Stream(name);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Setup.Parse(buffer.ToArray(), $"built-in {name}");
    }

    private static Stream Stream(string name) =>
        typeof(SetupCatalog).Assembly.GetManifestResourceStream($"NA64.Reco.Physics.setup.{name}.json")
        ?? throw new InvalidOperationException($"the built-in setup {name} is missing from the assembly");
}
