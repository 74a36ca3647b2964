using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>Naming and discovery of raw spill files (<c>*.na64raw</c>).</summary>
public static class SpillFileNames
{
    public const string Extension = ".na64raw";

    public static string For(SampleDescriptor sample, int run, int spill) =>
        FormattableString.Invariant($"{sample.Name}-run{run}-spill{spill:D4}{Extension}");

    /// <summary>
    /// Expands files and folders (recursively, sorted ordinally) into spill files; a missing path is an error naming it.
    /// What is not a regular file (a FIFO, a socket, a device: opening a FIFO would wait for a writer for ever) is left
    /// out and told to <paramref name="skipped"/>.
    /// </summary>
    public static List<string> Expand(IEnumerable<string> paths, Action<string, string>? skipped = null)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*" + Extension, SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                foreach (var f in found)
                {
                    if (RegularFile.Is(f)) files.Add(f);
                    else skipped?.Invoke(f, "not a regular file");
                }
            }
            else if (File.Exists(path))
            {
                if (RegularFile.Is(path)) files.Add(path);
                else skipped?.Invoke(path, "not a regular file");
            }
            else
            {
                throw new FileNotFoundException($"input '{path}' is neither a spill file nor a folder", path);
            }
        }
        return files;
    }
}
