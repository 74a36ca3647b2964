using System.Runtime.CompilerServices;

namespace NA64.Reco.Physics.Detector;

/// <summary>
/// The coordinate conventions that simulation and reconstruction share. z along the beam in metres from the
/// first tracker; x, y in millimetres. The magnets bend the (negative) beam towards +x by
/// θ = 0.3 · B·L / p (rad; T·m; GeV, physics.md §3); for a uniform field and small angles the straight lines
/// before and after the field meet at the field centre, so a track is two lines with a kink at <see cref="MagnetConditions.ZCentreM"/>.
/// Micromegas plane index = station × 2 + (0 for X, 1 for Y); strip s of a plane covers
/// [centre − size/2 + s·pitch, centre − size/2 + (s+1)·pitch). Calorimeter cell index = iy × nx + ix,
/// ix growing with x; HCAL index = module × cellsPerModule + cell.
/// </summary>
public sealed class DetectorGeometry(DetectorConditions conditions)
{
    private readonly DetectorConditions _c = conditions;

    public DetectorConditions Conditions => _c;

    /// <summary>Deflection angle in rad of a particle of momentum p (GeV) of the beam's charge sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double DeflectionRad(double momentumGeV) => 0.3 * _c.Magnet.FieldIntegralTm / momentumGeV;

    /// <summary>Momentum (GeV) that gives a deflection angle θ (rad).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double MomentumFromDeflection(double deflectionRad) => 0.3 * _c.Magnet.FieldIntegralTm / deflectionRad;

    /// <summary>Transverse position of a line (position at z = 0 and slope) at z, in mm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Propagate(double posAtZ0Mm, double slope, double zM) => posAtZ0Mm + slope * zM * 1000.0;

    /// <summary>x (mm) at zM of a particle with x0 and slopeX at z = 0 and momentum p, bent at the magnet centre.</summary>
    public double BentX(double x0Mm, double slopeX, double momentumGeV, double zM)
    {
        var x = Propagate(x0Mm, slopeX, zM);
        var zc = _c.Magnet.ZCentreM;
        return zM <= zc ? x : x + DeflectionRad(momentumGeV) * (zM - zc) * 1000.0;
    }

    /// <summary>Centre of strip <paramref name="strip"/> of a plane, in mm (x for X planes, y for Y planes).</summary>
    public double StripCentreMm(int station, bool yPlane, int strip)
    {
        var st = _c.Micromegas.Stations[station];
        var centre = yPlane ? st.CentreYMm : st.CentreXMm;
        return centre - 0.5 * _c.Micromegas.SizeMm + (strip + 0.5) * _c.Micromegas.PitchMm;
    }

    /// <summary>Continuous strip coordinate (strip units, 0 at the plane's low edge) of a position; outside [0, strips) means missed.</summary>
    public double StripCoordinate(int station, bool yPlane, double posMm)
    {
        var st = _c.Micromegas.Stations[station];
        var centre = yPlane ? st.CentreYMm : st.CentreXMm;
        return (posMm - centre + 0.5 * _c.Micromegas.SizeMm) / _c.Micromegas.PitchMm;
    }

    /// <summary>ECAL cell column/row of a point, or -1 outside.</summary>
    public int EcalCellIndex(double xMm, double yMm) =>
        CellIndex(xMm - _c.Ecal.CentreXMm, yMm - _c.Ecal.CentreYMm, _c.Ecal.Nx, _c.Ecal.Ny, _c.Ecal.CellMm);

    /// <summary>Centre (x, y) of ECAL cell (ix, iy), in mm.</summary>
    public (double X, double Y) EcalCellCentre(int ix, int iy) =>
        (_c.Ecal.CentreXMm + (ix + 0.5 - 0.5 * _c.Ecal.Nx) * _c.Ecal.CellMm,
         _c.Ecal.CentreYMm + (iy + 0.5 - 0.5 * _c.Ecal.Ny) * _c.Ecal.CellMm);

    /// <summary>Centre (x, y) of HCAL cell (ix, iy), in mm.</summary>
    public (double X, double Y) HcalCellCentre(int ix, int iy) =>
        (_c.Hcal.CentreXMm + (ix + 0.5 - 0.5 * _c.Hcal.Nx) * _c.Hcal.CellMm,
         _c.Hcal.CentreYMm + (iy + 0.5 - 0.5 * _c.Hcal.Ny) * _c.Hcal.CellMm);

    private static int CellIndex(double dx, double dy, int nx, int ny, double cell)
    {
        var ix = (int)Math.Floor(dx / cell + 0.5 * nx);
        var iy = (int)Math.Floor(dy / cell + 0.5 * ny);
        return ix < 0 || ix >= nx || iy < 0 || iy >= ny ? -1 : iy * nx + ix;
    }
}
