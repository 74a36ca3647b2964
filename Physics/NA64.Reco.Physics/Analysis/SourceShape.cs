using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// Events per <see cref="SidebandCells"/> cell of the (E_ECAL, E_HCAL) plane past VETO, with their variances: one
/// source of an MC sample scaled to the reference exposure (Σw × scale, Σw² × scale²), or all events of the reference
/// itself (scale 1).
/// </summary>
public sealed class SourceShape
{
    private readonly double[] _expected = new double[SidebandCells.Count];
    private readonly double[] _variance = new double[SidebandCells.Count];

    private SourceShape()
    {
    }

    /// <summary>Source slot <paramref name="slot"/> of <paramref name="summary"/>, times <paramref name="scale"/>.</summary>
    public static SourceShape Of(EventSummary summary, int slot, double scale)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var shape = new SourceShape();
        for (var c = 0; c < SidebandCells.Count; c++)
        {
            var i = slot * SidebandCells.Count + c;
            shape._expected[c] = FixedPointWeight.ToDouble(summary.WeightedSourceCell[i]) * scale;
            shape._variance[c] = FixedPointWeight.ToDouble(summary.WeightedSquaredSourceCell[i]) * scale * scale;
        }
        return shape;
    }

    /// <summary>Every event of <paramref name="reference"/> past VETO, data or MC, as counted (Σw, Σw²).</summary>
    public static SourceShape AllEvents(EventSummary reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var shape = new SourceShape();
        for (var c = 0; c < SidebandCells.Count; c++)
        {
            shape._expected[c] = FixedPointWeight.ToDouble(reference.WeightedCell[c]);
            shape._variance[c] = FixedPointWeight.ToDouble(reference.WeightedSquaredCell[c]);
        }
        return shape;
    }

    /// <summary>The cell-by-cell sum of <paramref name="shapes"/> (independent samples: variances add).</summary>
    public static SourceShape Sum(IEnumerable<SourceShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        var sum = new SourceShape();
        foreach (var s in shapes)
            for (var c = 0; c < SidebandCells.Count; c++)
            {
                sum._expected[c] += s._expected[c];
                sum._variance[c] += s._variance[c];
            }
        return sum;
    }

    /// <summary>The expectation in one cell.</summary>
    public double this[int cell] => _expected[cell];

    /// <summary>Σ of the expectation over <paramref name="cells"/>.</summary>
    public double Expected(ReadOnlySpan<int> cells)
    {
        var sum = 0.0;
        foreach (var c in cells) sum += _expected[c];
        return sum;
    }

    /// <summary>Σ of the variance over <paramref name="cells"/>.</summary>
    public double Variance(ReadOnlySpan<int> cells)
    {
        var sum = 0.0;
        foreach (var c in cells) sum += _variance[c];
        return sum;
    }
}
