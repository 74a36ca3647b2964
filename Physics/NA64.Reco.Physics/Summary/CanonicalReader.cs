using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NA64.Reco.Physics.Summary;

/// <summary>Reads back what <see cref="CanonicalWriter"/> wrote, in the same order.</summary>
internal ref struct CanonicalReader(ReadOnlySpan<byte> from)
{
    private readonly ReadOnlySpan<byte> _from = from;
    private int _at;

    public long Long()
    {
        var v = BinaryPrimitives.ReadInt64LittleEndian(_from[_at..]);
        _at += 8;
        return v;
    }

    public int Int()
    {
        var v = BinaryPrimitives.ReadInt32LittleEndian(_from[_at..]);
        _at += 4;
        return v;
    }

    public void Fill(long[] into)
    {
        if (BitConverter.IsLittleEndian)
        {
            _from.Slice(_at, 8 * into.Length).CopyTo(MemoryMarshal.AsBytes(into.AsSpan()));
            _at += 8 * into.Length;
            return;
        }
        for (var i = 0; i < into.Length; i++) into[i] = Long();
    }

    public void Fill(Int128[] into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            var low = (ulong)Long();
            var high = (ulong)Long();
            into[i] = (Int128)(((UInt128)high << 64) | low);
        }
    }
}
