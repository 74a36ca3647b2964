using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// The path of the beam particle: a straight line from z = 0, a kink of 0.3·B·L/p at the magnet centre (the convention
/// of <see cref="DetectorGeometry.BentX"/>), and for a decay in flight a second kink at the decay point after which
/// the muon's momentum applies.
/// </summary>
internal struct Trajectory
{
    public double X0Mm, Y0Mm, SlopeX, SlopeY;
    /// <summary>Momentum before any decay.</summary>
    public double MomentumGeV;
    /// <summary>z of the decay, +∞ if none.</summary>
    public double DecayZM;
    /// <summary>Momentum and slope changes of the daughter muon.</summary>
    public double DaughterMomentumGeV, DecaySlopeX, DecaySlopeY;
    /// <summary>Deflection angle at the magnet centre, set by <see cref="Bend"/>.</summary>
    public double DeflectionRad;

    /// <summary>
    /// A beam particle of momentum <paramref name="momentumGeV"/> from the beam spot (docs/physics.md §2): position and
    /// slope drawn in that order from <paramref name="rng"/>, no decay; the triggered particle and the pile-up ones alike.
    /// </summary>
    public static Trajectory FromBeam(ref EventRandom rng, BeamConditions beam, double momentumGeV) => new()
    {
        X0Mm = beam.SpotSigmaMm * FastNormal.Sample(ref rng),
        Y0Mm = beam.SpotSigmaMm * FastNormal.Sample(ref rng),
        SlopeX = beam.DivergenceMrad * 1e-3 * FastNormal.Sample(ref rng),
        SlopeY = beam.DivergenceMrad * 1e-3 * FastNormal.Sample(ref rng),
        MomentumGeV = momentumGeV,
        DecayZM = double.PositiveInfinity,
        DaughterMomentumGeV = momentumGeV,
    };

    /// <summary>Fixes the deflection from the momentum of whatever particle crosses the magnet centre.</summary>
    public void Bend(DetectorGeometry geometry)
    {
        var p = DecayZM < geometry.Conditions.Magnet.ZCentreM ? DaughterMomentumGeV : MomentumGeV;
        DeflectionRad = geometry.DeflectionRad(p);
    }

    public readonly double X(double zM, double magnetCentreM)
    {
        var x = X0Mm + SlopeX * zM * 1000.0;
        if (zM > DecayZM) x += DecaySlopeX * (zM - DecayZM) * 1000.0;
        if (zM > magnetCentreM) x += DeflectionRad * (zM - magnetCentreM) * 1000.0;
        return x;
    }

    public readonly double Y(double zM)
    {
        var y = Y0Mm + SlopeY * zM * 1000.0;
        if (zM > DecayZM) y += DecaySlopeY * (zM - DecayZM) * 1000.0;
        return y;
    }
}
