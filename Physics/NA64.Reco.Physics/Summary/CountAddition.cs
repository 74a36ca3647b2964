using System.Numerics;

namespace NA64.Reco.Physics.Summary;

/// <summary>
/// Element-wise addition of counts, a vector at a time: a summary's histograms are 31,000 longs, added for every chunk a
/// spill actor merges and every summary a coordinator adds into its totals. Unchecked, as every merge is.
/// </summary>
internal static class CountAddition
{
    /// <summary>Adds <paramref name="values"/> into <paramref name="into"/>, of the same length.</summary>
    public static void Add(Span<long> into, ReadOnlySpan<long> values)
    {
        if (values.Length != into.Length) throw new ArgumentException($"{values.Length} counts added into {into.Length}", nameof(values));
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<long>.Count <= into.Length; i += Vector<long>.Count)
                (new Vector<long>(into[i..]) + new Vector<long>(values[i..])).CopyTo(into[i..]);
        for (; i < into.Length; i++) into[i] += values[i];
    }

    /// <summary>Adds the fixed-point sums <paramref name="values"/> into <paramref name="into"/>, of the same length.</summary>
    public static void Add(Span<WeightSum> into, ReadOnlySpan<WeightSum> values)
    {
        if (values.Length != into.Length) throw new ArgumentException($"{values.Length} sums added into {into.Length}", nameof(values));
        for (var i = 0; i < into.Length; i++) into[i] += values[i];
    }
}
