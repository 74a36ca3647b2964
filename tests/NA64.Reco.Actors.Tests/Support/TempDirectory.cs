using Microsoft.Data.Sqlite;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>A fresh folder per test, removed with whatever SQLite files it holds.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "na64-actors-" + Guid.NewGuid().ToString("N")));

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A handle still closing: the OS temp cleaner takes it.
        }
    }
}
