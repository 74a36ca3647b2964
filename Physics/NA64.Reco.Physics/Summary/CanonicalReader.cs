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

    /// <summary>Adds the next <c>into.Length</c> longs into <paramref name="into"/>, element by element.</summary>
    public void Add(long[] into)
    {
        var values = _from.Slice(_at, 8 * into.Length);
        _at += 8 * into.Length;
        if (!BitConverter.IsLittleEndian)
        {
            for (var i = 0; i < into.Length; i++) into[i] += BinaryPrimitives.ReadInt64LittleEndian(values[(8 * i)..]);
            return;
        }
        CountAddition.Add(into, MemoryMarshal.Cast<byte, long>(values));
    }

    /// <summary>Adds the next <c>into.Length</c> 128-bit integers (low, then high 64 bits each) into the coarse limbs of <paramref name="into"/>.</summary>
    public void Add(WeightSum[] into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = new WeightSum(into[i].Coarse + NextInt128(), into[i].Fine);
    }

    /// <summary>Adds the next <c>into.Length</c> 128-bit integers into the fine limbs of <paramref name="into"/>.</summary>
    public void AddFine(WeightSum[] into)
    {
        for (var i = 0; i < into.Length; i++) into[i] = new WeightSum(into[i].Coarse, into[i].Fine + NextInt128());
    }

    private Int128 NextInt128()
    {
        var low = (ulong)Long();
        var high = (ulong)Long();
        return (Int128)(((UInt128)high << 64) | low);
    }
}
