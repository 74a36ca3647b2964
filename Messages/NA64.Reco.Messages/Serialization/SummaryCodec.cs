using System.Buffers;
using System.IO.Compression;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Bytes of a <see cref="EventSummary"/> for persisted events: its canonical form
/// (<see cref="EventSummary.WriteCanonical"/>), deflated (histograms are mostly empty). Exact: decoding
/// gives a summary with the same <see cref="EventSummary.Fingerprint"/>.
/// </summary>
public static class SummaryCodec
{
    /// <summary>Version 1 is the field order of <see cref="EventSummary.WriteCanonical"/> as of this writing.</summary>
    public const byte Version = 1;

    /// <summary>zlib level 2: 0.5 ms and 2.9 kB for a filled chunk summary (docs/performance-log.md).</summary>
    private static readonly ZLibCompressionOptions Compression = new() { CompressionLevel = 2 };

    public static byte[] Encode(EventSummary summary)
    {
        // The canonical form in one buffer, deflated in one call: value by value (BinaryWriter) it was one call per
        // 8 bytes through the stream stack (docs/performance-log.md).
        var length = EventSummary.CanonicalLength;
        var raw = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            summary.WriteCanonical(raw.AsSpan(0, length));
            using var buffer = new MemoryStream(16 * 1024);
            buffer.WriteByte(Version);
            using (var deflate = new DeflateStream(buffer, Compression, leaveOpen: true)) deflate.Write(raw, 0, length);
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    public static EventSummary Decode(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Version)
            throw new InvalidDataException($"summary encoding version {(bytes.Length == 0 ? "none" : bytes[0])} is not {Version}");
        var length = EventSummary.CanonicalLength;
        // One byte more than a summary: a longer form is seen, not cut silently.
        var raw = ArrayPool<byte>.Shared.Rent(length + 1);
        try
        {
            var n = 0;
            using (var deflate = new DeflateStream(new MemoryStream(bytes, 1, bytes.Length - 1), CompressionMode.Decompress))
            {
                int read;
                while (n < length + 1 && (read = deflate.Read(raw, n, length + 1 - n)) > 0) n += read;
            }
            // A summary that grew fields without this codec following would decode shifted: refuse it.
            if (n > length)
                throw new InvalidDataException($"summary encoding has unread bytes after {length}: EventSummary changed shape, update SummaryCodec");
            return EventSummary.FromCanonical(raw.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }
}
