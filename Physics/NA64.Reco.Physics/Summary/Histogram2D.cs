namespace NA64.Reco.Physics.Summary;

/// <summary>Fixed-binning 2D histogram of integer counts; entries outside the range go to the edge bins' overflow cells.</summary>
public sealed class Histogram2D
{
    public Histogram2D(string name, string axisX, int binsX, double minX, double maxX, string axisY, int binsY, double minY, double maxY)
    {
        X = new Histogram1D(name + ".x", axisX, binsX, minX, maxX);
        Y = new Histogram1D(name + ".y", axisY, binsY, minY, maxY);
        Name = name;
        Counts = new long[(binsX + 2) * (binsY + 2)];
    }

    public string Name { get; }
    /// <summary>Binning of x (its own counts are unused).</summary>
    public Histogram1D X { get; }
    public Histogram1D Y { get; }
    /// <summary>Row-major: index = binY × (binsX + 2) + binX, with under/overflow cells.</summary>
    public long[] Counts { get; }

    public void Fill(double x, double y) => Counts[Y.BinOf(y) * (X.Bins + 2) + X.BinOf(x)]++;

    public long this[int binX, int binY] => Counts[binY * (X.Bins + 2) + binX];

    public void Merge(Histogram2D other)
    {
        if (other.Name != Name || other.Counts.Length != Counts.Length || other.X.Min != X.Min || other.X.Max != X.Max
            || other.Y.Min != Y.Min || other.Y.Max != Y.Max)
            throw new InvalidOperationException($"cannot merge histogram '{other.Name}' into '{Name}': binning differs");
        CountAddition.Add(Counts, other.Counts);
    }

    public Histogram2D Clone()
    {
        var h = new Histogram2D(Name, X.Axis, X.Bins, X.Min, X.Max, Y.Axis, Y.Bins, Y.Min, Y.Max);
        Counts.CopyTo(h.Counts, 0);
        return h;
    }
}
