namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>A unique file under the temp directory, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"na64-raw-{Guid.NewGuid():N}.spill");

    public byte[] Bytes => File.ReadAllBytes(Path);

    /// <summary>Replaces the file's content.</summary>
    public void Set(byte[] bytes) => File.WriteAllBytes(Path, bytes);

    public void Dispose() => File.Delete(Path);
}
