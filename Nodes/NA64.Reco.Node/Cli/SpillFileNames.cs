using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>Naming and discovery of raw spill files (<c>*.na64raw</c>).</summary>
public static class SpillFileNames
{
    public const string Extension = ".na64raw";

    public static string For(SampleDescriptor sample, int run, int spill) =>
        FormattableString.Invariant($"{sample.Name}-run{run}-spill{spill:D4}{Extension}");

    /// <summary>Expands files and folders (recursively, sorted ordinally) into spill files; a missing path is an error naming it.</summary>
    public static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*" + Extension, SearchOption.AllDirectories);
                Array.Sort(found, StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"input '{path}' is neither a spill file nor a folder", path);
            }
        }
        return files;
    }
}
