using NA64.Reco.Actors.Campaign;

namespace NA64.Reco.Actors.Inputs;

/// <summary>
/// The folders a campaign's raw inputs must lie under (<c>--data-root</c>, NA64_DATA_ROOTS): every raw path of a spec,
/// and every file found in a folder it names, is followed to its real path (links and '..' resolved) and refused
/// unless that lies under one of them. So a submitter cannot make the node list or read any folder of its choosing.
/// </summary>
public sealed class DataRoots
{
    /// <summary>Data roots of a node, separated by ':' (<see cref="Path.PathSeparator"/>).</summary>
    public const string Variable = "NA64_DATA_ROOTS";

    private readonly string[] _roots;

    private DataRoots(string[] roots) => _roots = roots;

    /// <summary>No confinement: what code that is not a node's campaign service (tests, benches) uses.</summary>
    public static DataRoots Unrestricted { get; } = new([]);

    /// <summary>No raw inputs at all: every raw path is refused.</summary>
    public static DataRoots None { get; } = new([]) { AcceptsNothing = true };

    /// <summary>The real paths of the roots, in the order given (the first is where relative paths of a remote submitter resolve).</summary>
    public IReadOnlyList<string> Roots => _roots;

    public bool IsUnrestricted => _roots.Length == 0 && !AcceptsNothing;

    private bool AcceptsNothing { get; init; }

    /// <summary>Roots from the folders given (each must exist); an error names the folder and <paramref name="setting"/>.</summary>
    public static DataRoots Of(IEnumerable<string> folders, string setting = "--data-root")
    {
        var roots = new List<string>();
        foreach (var folder in folders)
        {
            if (string.IsNullOrWhiteSpace(folder)) continue;
            string real;
            try
            {
                real = RealPath.Of(folder.Trim());
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"{setting} '{folder}': {ex.Message}");
            }
            if (!Directory.Exists(real)) throw new ArgumentException($"{setting} '{folder}': no such folder");
            if (!roots.Contains(real, StringComparer.Ordinal)) roots.Add(real);
        }
        return roots.Count == 0 ? None : new DataRoots(roots.ToArray());
    }

    /// <summary>The roots of NA64_DATA_ROOTS, or null when it is not set.</summary>
    public static DataRoots? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? Of(value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Variable)
            : null;

    /// <summary>Whether <paramref name="realPath"/> (already resolved) lies under a root (or is one).</summary>
    public bool Contains(string realPath)
    {
        if (IsUnrestricted) return true;
        foreach (var root in _roots)
        {
            if (string.Equals(realPath, root, StringComparison.Ordinal)) return true;
            var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
            if (realPath.StartsWith(prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// A raw path of spec <paramref name="specId"/> resolved (against <paramref name="baseDirectory"/>, else the first
    /// root) to its real path; a <see cref="CampaignSpecException"/> naming <paramref name="field"/> when it lies outside.
    /// </summary>
    public string Resolve(string path, string? baseDirectory, string specId, string field)
    {
        var full = Path.GetFullPath(path, baseDirectory ?? (_roots.Length > 0 ? _roots[0] : Directory.GetCurrentDirectory()));
        if (IsUnrestricted) return full;
        if (AcceptsNothing) throw new CampaignSpecException(specId, field, $"'{path}': this node takes no raw inputs (no data root: start it with --data-root or {Variable})");
        string real;
        try
        {
            real = RealPath.Of(full);
        }
        catch (IOException ex)
        {
            throw new CampaignSpecException(specId, field, $"'{path}' cannot be resolved: {ex.Message}");
        }
        return Contains(real) ? real : throw Outside(path, real, specId, field);
    }

    /// <summary>Checks a file found inside a listed folder (it may be a link leading anywhere).</summary>
    public void Check(string file, string specId, string field)
    {
        if (IsUnrestricted) return;
        string real;
        try
        {
            real = RealPath.Of(file);
        }
        catch (IOException ex)
        {
            throw new CampaignSpecException(specId, field, $"'{file}' cannot be resolved: {ex.Message}");
        }
        if (!Contains(real)) throw Outside(file, real, specId, field);
    }

    private CampaignSpecException Outside(string path, string real, string specId, string field) => new(specId, field,
        $"'{path}'{(string.Equals(path, real, StringComparison.Ordinal) ? "" : $" (really '{real}')")} is outside the data roots ({string.Join(", ", _roots)}; --data-root or {Variable} adds one)");

    public override string ToString() => IsUnrestricted ? "(any folder)" : AcceptsNothing ? "(none)" : string.Join(Path.PathSeparator, _roots);
}
