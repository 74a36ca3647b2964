namespace NA64.Reco.Physics.RawData;

/// <summary>
/// A spill file is not the file a campaign recorded when it was submitted (another size or another header): it was
/// rewritten, or is being rewritten. An I/O condition to retry later, not a format error that quarantines the spill.
/// </summary>
public sealed class SpillFileChangedException(string file, string detail) : IOException($"raw spill file '{file}' changed since the campaign was submitted: {detail}")
{
    public string File { get; } = file;

    /// <summary>Throws when <paramref name="reader"/>'s file differs from what was recorded (a size below 0 or a null digest: not recorded).</summary>
    public static void ThrowIfChanged(SpillFileReader reader, long expectedSize, string? expectedHeaderDigest)
    {
        if (expectedSize >= 0)
        {
            var size = new FileInfo(reader.File).Length;
            if (size != expectedSize) throw new SpillFileChangedException(reader.File, $"{size} bytes, {expectedSize} at submission");
        }
        if (expectedHeaderDigest is not null && !string.Equals(reader.HeaderDigest, expectedHeaderDigest, StringComparison.Ordinal))
            throw new SpillFileChangedException(reader.File, $"header digest {reader.HeaderDigest[..12]}, {expectedHeaderDigest[..Math.Min(12, expectedHeaderDigest.Length)]} at submission");
    }
}
