namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Bytes without their runs of zeros: a sequence of pairs, each the length of a zero run and the length of the literal
/// bytes after it (both unsigned LEB128), then those literal bytes; the pairs cover the input to its last byte. A run
/// shorter than <see cref="MinRun"/> stays in the literal, where it costs less than a new pair. A summary's histogram
/// bins are mostly zero, and a filled one is a small count in the low bytes of a little-endian long: its 250 kB shrink
/// to a few kB before anything is deflated.
/// </summary>
public static class ZeroRuns
{
    /// <summary>Zeros that end a literal: a pair costs at least 2 bytes, 3 zeros left in a literal cost 3.</summary>
    public const int MinRun = 4;

    /// <summary>The longest encoding of <paramref name="length"/> bytes: one literal of all of them, after its pair.</summary>
    public static int MaxEncodedLength(int length) => length + 2 * 5;

    /// <summary>Writes the zero-run form of <paramref name="from"/> into <paramref name="into"/> (at least <see cref="MaxEncodedLength"/> long): its length.</summary>
    public static int Encode(ReadOnlySpan<byte> from, Span<byte> into)
    {
        var at = 0;
        var written = 0;
        do
        {
            var zeros = from[at..].IndexOfAnyExcept((byte)0);
            if (zeros < 0) zeros = from.Length - at;
            var start = at + zeros;
            var end = LiteralEnd(from, start);
            written += PutVarint(into[written..], (uint)zeros);
            written += PutVarint(into[written..], (uint)(end - start));
            from[start..end].CopyTo(into[written..]);
            written += end - start;
            at = end;
        } while (at < from.Length);
        return written;
    }

    /// <summary>
    /// Expands the zero-run form <paramref name="from"/> into <paramref name="into"/>: the number of bytes it stands for.
    /// A form that stands for more than <paramref name="into"/> holds, or that ends inside a pair or a literal, is refused
    /// with the offset where it goes wrong.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> from, Span<byte> into)
    {
        var at = 0;
        var written = 0;
        while (at < from.Length)
        {
            var pair = at;
            var zeros = GetVarint(from, ref at);
            var literal = GetVarint(from, ref at);
            if ((ulong)written + zeros + literal > (ulong)into.Length)
                throw new InvalidDataException($"zero-run form at byte {pair}: {zeros} zeros and {literal} bytes go past the {into.Length} bytes of a summary");
            if (literal > (uint)(from.Length - at))
                throw new InvalidDataException($"zero-run form at byte {at}: a literal of {literal} bytes, {from.Length - at} left");
            into.Slice(written, (int)zeros).Clear();
            written += (int)zeros;
            from.Slice(at, (int)literal).CopyTo(into[written..]);
            written += (int)literal;
            at += (int)literal;
        }
        return written;
    }

    /// <summary>Where the literal that starts at <paramref name="start"/> ends: at the next run of <see cref="MinRun"/> zeros, or at the end.</summary>
    private static int LiteralEnd(ReadOnlySpan<byte> from, int start)
    {
        var at = start;
        while (at < from.Length)
        {
            var zero = from[at..].IndexOf((byte)0);
            if (zero < 0) return from.Length;
            var run = from[(at + zero)..].IndexOfAnyExcept((byte)0);
            if (run < 0 || run >= MinRun) return at + zero;
            at += zero + run;
        }
        return from.Length;
    }

    private static int PutVarint(Span<byte> into, uint value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            into[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[n++] = (byte)value;
        return n;
    }

    private static uint GetVarint(ReadOnlySpan<byte> from, ref int at)
    {
        var start = at;
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (at >= from.Length) throw new InvalidDataException($"zero-run form at byte {start}: a length cut short");
            var b = from[at++];
            if (shift == 28 && b > 0x0F) throw new InvalidDataException($"zero-run form at byte {start}: a length past 32 bits");
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException($"zero-run form at byte {start}: a length past 32 bits");
    }
}
