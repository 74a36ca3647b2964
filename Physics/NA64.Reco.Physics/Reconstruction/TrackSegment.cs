namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// A straight-line track segment on one side of the magnets: positions at z = 0 (mm) and slopes (rad), the
/// same parametrisation as <see cref="Detector.DetectorGeometry.Propagate"/>, so that the downstream line is the
/// bent line's continuation and slopes subtract to the deflection angle.
/// </summary>
public struct TrackSegment
{
    public double X0Mm, SlopeX, Y0Mm, SlopeY;
    /// <summary>Straight-line χ² of the hits used on this side (0 when two stations determine the line exactly).</summary>
    public double Chi2;
    /// <summary>Degrees of freedom of <see cref="Chi2"/>: hits − 4 when both projections are fitted.</summary>
    public int Ndf;
    /// <summary>Plane clusters used by the segment.</summary>
    public int Hits;
    /// <summary>Combinations of clusters that form a segment (1 for a clean single track, 0 for none).</summary>
    public int Candidates;
    /// <summary>Both projections defined by hits in at least two stations and the side χ² acceptable.</summary>
    public bool Good;

    /// <summary>The empty segment: no hits, NaN parameters.</summary>
    public static TrackSegment None => new()
    {
        X0Mm = double.NaN, SlopeX = double.NaN, Y0Mm = double.NaN, SlopeY = double.NaN, Chi2 = double.NaN,
    };
}
