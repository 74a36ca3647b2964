using NA64.Reco.Results;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>
/// Writes a campaign's stored results into a folder: each file to a temporary name beside its target, then renamed
/// over it, so that a full disk or a killed process leaves either the old file or the new one, never a truncated one.
/// </summary>
internal static class ResultsFolder
{
    /// <summary>Writes <paramref name="files"/> into <paramref name="directory"/> (created); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ResultFile> files)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>(files.Count);
        foreach (var f in files)
        {
            if (f.Name.Length == 0 || f.Name != Path.GetFileName(f.Name) || f.Name.StartsWith('.'))
                throw new InvalidDataException($"stored result name '{f.Name}' is not a plain file name");
            var target = Path.Combine(directory, f.Name);
            var temporary = Path.Combine(directory, $".{f.Name}.{Environment.ProcessId}.tmp");
            try
            {
                File.WriteAllBytes(temporary, f.Content);
                File.Move(temporary, target, overwrite: true);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
            written.Add(target);
        }
        return written;
    }
}
