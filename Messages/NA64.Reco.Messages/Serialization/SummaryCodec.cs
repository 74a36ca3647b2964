using System.Buffers;
using System.IO.Compression;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Bytes of a <see cref="EventSummary"/> for the wire and persisted events: its canonical form
/// (<see cref="EventSummary.WriteCanonical"/>) with its runs of zero bytes taken out (<see cref="ZeroRuns"/>), then
/// deflated. Exact: decoding gives a summary with the same <see cref="EventSummary.Fingerprint"/>. The canonical form
/// is ≈ 250 kB, nearly all of it empty histogram bins: dropping the zero runs first leaves a few kB to deflate, which
/// cut the encoding of a filled chunk summary from 65 to 39 µs (docs/performance.md, "Control plane"). Bytes of
/// version 1 (the whole canonical form deflated), which journals written before hold, still decode.
/// </summary>
public static class SummaryCodec
{
    /// <summary>Version 2: the zero-run form of <see cref="ZeroRuns"/>, deflated.</summary>
    public const byte Version = 2;

    /// <summary>Version 1: the canonical form, deflated whole.</summary>
    public const byte DenseVersion = 1;

    /// <summary>zlib level 2: near the size of the higher levels for a summary, at a fraction of their time (docs/performance-log.md, "Summary encoding").</summary>
    private static readonly ZLibCompressionOptions Compression = new() { CompressionLevel = 2 };

    public static byte[] Encode(EventSummary summary)
    {
        var length = EventSummary.CanonicalLength;
        var raw = ArrayPool<byte>.Shared.Rent(length);
        var runs = ArrayPool<byte>.Shared.Rent(ZeroRuns.MaxEncodedLength(length));
        try
        {
            summary.WriteCanonical(raw.AsSpan(0, length));
            var n = ZeroRuns.Encode(raw.AsSpan(0, length), runs);
            using var buffer = new MemoryStream(n / 2 + 64);
            buffer.WriteByte(Version);
            using (var deflate = new DeflateStream(buffer, Compression, leaveOpen: true)) deflate.Write(runs, 0, n);
            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(runs);
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    public static EventSummary Decode(byte[] bytes)
    {
        var summary = new EventSummary();
        AddTo(summary, bytes);
        return summary;
    }

    /// <summary>
    /// Adds the summary of <paramref name="bytes"/> into <paramref name="total"/> without making it
    /// (<see cref="EventSummary.AddCanonical"/>): what a coordinator does with every spill's summary, without allocating
    /// 250 kB for each. Bytes that are not a summary are refused and nothing is added.
    /// </summary>
    public static void AddTo(EventSummary total, byte[] bytes)
    {
        var raw = ArrayPool<byte>.Shared.Rent(EventSummary.CanonicalLength + 1);
        try
        {
            total.AddCanonical(raw.AsSpan(0, Expand(bytes, raw)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>
    /// The EOT and event count of the summary of <paramref name="bytes"/>, after checking that the bytes are a whole
    /// summary (they come from another node: a coordinator checks them before it journals them).
    /// </summary>
    public static (long Eot, long Events) Counts(byte[] bytes)
    {
        var raw = ArrayPool<byte>.Shared.Rent(EventSummary.CanonicalLength + 1);
        try
        {
            return EventSummary.CanonicalCounts(raw.AsSpan(0, Expand(bytes, raw)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>The canonical form <paramref name="bytes"/> encode, into <paramref name="raw"/> (a summary's length and one byte more): its length.</summary>
    private static int Expand(byte[] bytes, byte[] raw)
    {
        if (bytes.Length == 0 || (bytes[0] != Version && bytes[0] != DenseVersion))
            throw new InvalidDataException($"summary encoding version {(bytes.Length == 0 ? "none" : bytes[0])} is neither {Version} nor {DenseVersion}");
        var length = EventSummary.CanonicalLength;
        // One byte more than a summary: a longer form is seen, not cut silently.
        var n = bytes[0] == Version ? InflateRuns(bytes, raw.AsSpan(0, length + 1)) : Inflate(bytes, raw, length + 1);
        // A summary that grew fields without this codec following would decode shifted: refuse it.
        if (n > length)
            throw new InvalidDataException($"summary encoding has unread bytes after {length}: EventSummary changed shape, update SummaryCodec");
        return n;
    }

    /// <summary>Inflates <paramref name="bytes"/> (after the version byte) into <paramref name="into"/>, up to <paramref name="limit"/> bytes; the count inflated.</summary>
    private static int Inflate(byte[] bytes, byte[] into, int limit)
    {
        var n = 0;
        using var deflate = new DeflateStream(new MemoryStream(bytes, 1, bytes.Length - 1), CompressionMode.Decompress);
        int read;
        while (n < limit && (read = deflate.Read(into, n, limit - n)) > 0) n += read;
        return n;
    }

    /// <summary>The canonical bytes of a version-2 encoding, expanded into <paramref name="into"/>: their length (up to its length).</summary>
    private static int InflateRuns(byte[] bytes, Span<byte> into)
    {
        var limit = ZeroRuns.MaxEncodedLength(into.Length);
        var runs = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var n = Inflate(bytes, runs, limit + 1);
            if (n > limit) throw new InvalidDataException($"summary encoding inflates past {limit} bytes: not a summary");
            return ZeroRuns.Decode(runs.AsSpan(0, n), into);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(runs);
        }
    }
}
