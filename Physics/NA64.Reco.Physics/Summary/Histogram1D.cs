namespace NA64.Reco.Physics.Summary;

/// <summary>Fixed-binning 1D histogram of integer counts with underflow and overflow: merges exactly.</summary>
public sealed class Histogram1D
{
    public Histogram1D(string name, string axis, int bins, double min, double max)
    {
        if (bins <= 0 || !(max > min)) throw new ArgumentException($"histogram '{name}': need bins > 0 and max > min");
        Name = name;
        Axis = axis;
        Min = min;
        Max = max;
        Counts = new long[bins + 2];
    }

    public string Name { get; }
    /// <summary>Axis title with its unit, e.g. "p [GeV]".</summary>
    public string Axis { get; }
    public double Min { get; }
    public double Max { get; }
    /// <summary>[0] underflow, [1..Bins] bins, [Bins + 1] overflow.</summary>
    public long[] Counts { get; }
    public int Bins => Counts.Length - 2;

    public void Fill(double x) => Counts[BinOf(x)]++;

    public int BinOf(double x)
    {
        if (double.IsNaN(x) || x < Min) return 0;
        if (x >= Max) return Counts.Length - 1;
        var b = 1 + (int)((x - Min) / (Max - Min) * Bins);
        return Math.Min(b, Bins);
    }

    public double BinLow(int bin) => Min + (bin - 1) * (Max - Min) / Bins;

    public long Total
    {
        get
        {
            long t = 0;
            foreach (var c in Counts) t += c;
            return t;
        }
    }

    public void Merge(Histogram1D other)
    {
        if (other.Bins != Bins || other.Min != Min || other.Max != Max || other.Name != Name)
            throw new InvalidOperationException($"cannot merge histogram '{other.Name}' into '{Name}': binning differs");
        CountAddition.Add(Counts, other.Counts);
    }

    public Histogram1D Clone()
    {
        var h = new Histogram1D(Name, Axis, Bins, Min, Max);
        Counts.CopyTo(h.Counts, 0);
        return h;
    }
}
