namespace NA64.Reco.Tests.Shared;

/// <summary>The repository the tests run in: its root folder (the one holding NA64.Reco.sln) and what is built in it.</summary>
public static class Repository
{
    /// <summary>Found upwards from the test's output folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The <paramref name="file"/> a project of the repository built in the tests' own configuration (a Debug test run
    /// uses Debug binaries); a file not built fails the test.
    /// </summary>
    public static string BuiltDll(string folder, string project, string file)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Root, folder, project, "bin", configuration, "net10.0", file);
        Assert.True(File.Exists(dll), dll + " not built");
        return dll;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NA64.Reco.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no NA64.Reco.sln above {AppContext.BaseDirectory}");
    }
}
