using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// Forced, weighted Z' emission by a beam muon crossing a target (physics.md §8b): every muon emits, with the weight
/// N σ(x ≥ x_min) per g², N the target's nuclei per cm². Construct once per (target, mass, beam energy).
/// </summary>
/// <remarks>
/// A muon of 160 GeV loses ≲ 1% of its energy in 40 X₀ of lead (ionisation and radiation, PDG muon tables: ≈ 13 MeV/cm
/// plus ≈ 15 MeV/cm at this energy over 22 cm), so it emits at the beam energy and uniformly in depth. The emission's x
/// and θ are drawn from <see cref="ZPrimeCrossSection"/>: x from the marginal dσ/dx by an inverse-CDF table in
/// y = ln(1 − x), θ from dσ/dθ at the drawn x's neighbouring table row (picked with linear weights), tabulated in ln θ
/// from 10⁻³ θ_c to 0.3. The weight is the quadrature's σ, not the table's. The target's k-factors are not used: DMG4
/// applies none to muons.
/// </remarks>
public sealed class ZPrimeEmitter
{
    private const int FractionPoints = 193;
    private const int AnglePoints = 161;
    private const double LowestAngleOverCharacteristic = 1e-3;

    private readonly double _depthX0;
    private readonly double _yLow;
    private readonly double _dy;
    // Cumulative dσ/dy from y_low to y_k (any units: only ratios are used).
    private readonly double[] _fractionCdf = new double[FractionPoints];
    // Per row k: ln θ of the lowest node and the step, and the cumulative dσ/dθ over [0, θ_j], row-major.
    private readonly double[] _lnAngleLow = new double[FractionPoints];
    private readonly double[] _dLnAngle = new double[FractionPoints];
    private readonly double[] _angleCdf = new double[FractionPoints * AnglePoints];

    /// <summary>
    /// An emitter in <paramref name="target"/> (its nuclei, depth and x_min; not its k-factors) for muons of
    /// <paramref name="beamEnergyGeV"/>.
    /// </summary>
    public ZPrimeEmitter(APrimeTarget target, double massMeV, double beamEnergyGeV)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(massMeV);
        Target = target;
        MassMeV = massMeV;
        BeamEnergyGeV = beamEnergyGeV;
        CrossSection = new ZPrimeCrossSection(target.Z, target.A, beamEnergyGeV);
        _depthX0 = target.DepthX0;
        var massGeV = massMeV * 1e-3;
        var sigmaCm2 = CrossSection.TotalPerCouplingSquaredCm2(massGeV, target.MinEnergyFraction);
        YieldPerMotPerCouplingSquared = target.AtomsPerCm2PerX0 * target.DepthX0 * sigmaCm2;
        (_yLow, var yHigh) = CrossSection.FractionRange(massGeV, target.MinEnergyFraction);
        _dy = (yHigh - _yLow) / (FractionPoints - 1);
        if (!(YieldPerMotPerCouplingSquared > 0)) return;
        var previous = 0.0;
        for (var k = 0; k < FractionPoints; k++)
        {
            var oneMinusX = Math.Exp(_yLow + k * _dy);
            var density = BuildAngleRow(k, 1 - oneMinusX, massGeV) * oneMinusX;
            if (k > 0) _fractionCdf[k] = _fractionCdf[k - 1] + 0.5 * _dy * (previous + density);
            previous = density;
        }
    }

    /// <summary>The target muons cross.</summary>
    public APrimeTarget Target { get; }
    public double MassMeV { get; }
    public double BeamEnergyGeV { get; }
    /// <summary>The cross-section the emissions are drawn from.</summary>
    public ZPrimeCrossSection CrossSection { get; }

    /// <summary>Expected Z' with x ≥ x_min per muon on target, per g² (multiply by g² for a coupling g).</summary>
    public double YieldPerMotPerCouplingSquared { get; }

    /// <summary>
    /// Emits a Z' for one muon (thread-safe; state is in <paramref name="rng"/>); the all-zero emission when none is
    /// kinematically possible.
    /// </summary>
    public ZPrimeEmission Emit(ref EventRandom rng)
    {
        if (!(YieldPerMotPerCouplingSquared > 0)) return default;
        var depth = rng.NextDouble() * _depthX0;
        var position = Invert(_fractionCdf, rng.NextDouble() * _fractionCdf[^1]);
        var k = Math.Min((int)position, FractionPoints - 2);
        var y = _yLow + position * _dy;
        var row = rng.NextDouble() < position - k ? k + 1 : k;
        var angles = _angleCdf.AsSpan(row * AnglePoints, AnglePoints);
        var j = Invert(angles, rng.NextDouble() * angles[^1]);
        var angle = j < 1
            ? Math.Exp(_lnAngleLow[row]) * Math.Sqrt(j) // below the first node dσ/dθ ∝ θ: the CDF ∝ θ²
            : Math.Exp(_lnAngleLow[row] + (j - 1) * _dLnAngle[row]);
        var x = 1 - Math.Exp(y);
        return new ZPrimeEmission(x * BeamEnergyGeV, angle, depth, YieldPerMotPerCouplingSquared);
    }

    /// <summary>Fills row k's angular CDF (nodes: θ = 0, then ln θ uniform from 10⁻³ θ_c to 0.3); returns dσ/dx.</summary>
    private double BuildAngleRow(int k, double x, double massGeV)
    {
        var row = _angleCdf.AsSpan(k * AnglePoints, AnglePoints);
        var lowest = LowestAngleOverCharacteristic * CrossSection.CharacteristicAngle(x, massGeV);
        var lnLow = Math.Log(Math.Min(lowest, ZPrimeCrossSection.MaxAngleRad * 1e-3));
        var dLn = (Math.Log(ZPrimeCrossSection.MaxAngleRad) - lnLow) / (AnglePoints - 2);
        _lnAngleLow[k] = lnLow;
        _dLnAngle[k] = dLn;
        // Node 1 is θ_low: below it dσ/dθ ∝ θ, so the integral from 0 is half the rectangle.
        var theta = Math.Exp(lnLow);
        var previous = CrossSection.DifferentialPerCouplingSquared(x, theta, massGeV) * theta; // dσ/d ln θ
        row[0] = 0;
        row[1] = 0.5 * previous;
        for (var j = 2; j < AnglePoints; j++)
        {
            theta = Math.Exp(lnLow + (j - 1) * dLn);
            var next = CrossSection.DifferentialPerCouplingSquared(x, theta, massGeV) * theta;
            row[j] = row[j - 1] + 0.5 * dLn * (previous + next);
            previous = next;
        }
        return row[^1];
    }

    /// <summary>The fractional index where the non-decreasing <paramref name="cdf"/> reaches <paramref name="target"/>.</summary>
    private static double Invert(ReadOnlySpan<double> cdf, double target)
    {
        int lo = 0, hi = cdf.Length - 1;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (cdf[mid] <= target) lo = mid;
            else hi = mid;
        }
        var width = cdf[hi] - cdf[lo];
        return lo + (width > 0 ? (target - cdf[lo]) / width : 0);
    }
}
