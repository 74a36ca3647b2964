using NA64.Reco.Results;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>Rendered results written into a test folder, for tests that read them as a user would.</summary>
internal static class ResultFiles
{
    public static IReadOnlyList<string> WriteAll(string dir, IReadOnlyList<ResultFile> files)
    {
        Directory.CreateDirectory(dir);
        return files.Select(f =>
        {
            var path = Path.Combine(dir, f.Name);
            File.WriteAllBytes(path, f.Content);
            return path;
        }).ToArray();
    }
}
