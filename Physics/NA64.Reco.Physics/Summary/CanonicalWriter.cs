using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Writes values one after the other, little-endian, into a span: the bytes <see cref="BinaryWriter"/> writes for the
/// same values (an <see cref="Int128"/> as its low, then its high 64 bits), arrays in one copy on a little-endian CPU.
/// </summary>
internal ref struct CanonicalWriter(Span<byte> into)
{
    private readonly Span<byte> _into = into;
    private int _at;

    public void Put(long v)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_into[_at..], v);
        _at += 8;
    }

    public void Put(int v)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_into[_at..], v);
        _at += 4;
    }

    public void Put(long[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(_into[_at..]);
            _at += 8 * values.Length;
            return;
        }
        foreach (var v in values) Put(v);
    }

    /// <summary>The coarse limbs of <paramref name="values"/>.</summary>
    public void Put(WeightSum[] values)
    {
        foreach (var v in values) Put(v.Coarse);
    }

    /// <summary>The fine limbs of <paramref name="values"/>.</summary>
    public void PutFine(WeightSum[] values)
    {
        foreach (var v in values) Put(v.Fine);
    }

    private void Put(Int128 v)
    {
        Put((long)(ulong)(v & ulong.MaxValue));
        Put((long)(ulong)(v >> 64));
    }
}
