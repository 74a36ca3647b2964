using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// Z' bremsstrahlung off a muon, μN → μNZ', in the Weizsäcker–Williams form of DMG4's <c>DarkZ</c> (Bondi et al.,
/// CPC 269 (2021) 108129; Kirpichnikov, Lyubovitskij, Zhevlakov, PRD 102 (2020) 095024; physics.md §8b), per g² of the
/// L_μ − L_τ coupling, for muons of one energy E₀ on one nucleus (Z, A). Natural units, GeV.
/// </summary>
/// <remarks>
/// With x = E_Z'/E₀ and θ the Z' angle to the beam,
/// dσ/dx dθ = (g²α²/2π) E₀² sin θ √(x² − m²/E₀²) (1 − x)/ũ² [2(2 − 2x + x²)/(1 − x) + 4(m² + 2m_μ²)(ũx + m²(1 − x)
/// + m_μ²x²)/ũ²] χ(t_min), ũ = −xE₀²θ² − m²(1 − x)/x − m_μ²x: DMG4's form with ε²α = g²/4π. It is BEST's A' formula
/// (eq. A12, <see cref="APrimeCrossSection"/>) with the muon's mass in ũ and in the second term, where the electron's
/// is negligible. The photon flux χ = ∫ dt (t − t_min)/t² G₂(t) runs from t_min = ũ²/(4E₀²(1 − x)²) to t_max = E₀²
/// with the elastic form factor G₂ of <see cref="APrimeCrossSection.FormFactorG2"/> (DMG4's). θ runs to 0.3 (DMG4's
/// bound; the integrand falls as θ⁻³ beyond θ_c = √(m²(1 − x)/x² + m_μ²)/E₀ ≲ 10⁻²) and x from max(m/E₀, x_min) to
/// 1 − m_μ/E₀. DMG4 applies no K-factor to muons: it finds this form within 1–2% of the exact tree level.
/// χ depends on (x, θ) only through t_min, and χ(t_min) = ∫ G₂ d ln t − t_min ∫ G₂/t d ln t over [ln t_min, ln t_max]:
/// both cumulative integrals are tabulated once per instance, so a cross-section costs one 2-D quadrature.
/// </remarks>
public sealed class ZPrimeCrossSection
{
    /// <summary>Upper bound of the Z' angle, DMG4's.</summary>
    public const double MaxAngleRad = 0.3;

    private const double LnTFloor = -36.841361487904734; // ln 1e-16 GeV²: G₂ ∝ t² far below 1/a² ≈ 4 × 10⁻¹⁰ GeV²
    private const int FluxPoints = 8193;
    private const double Tolerance = 1e-6;

    private readonly double _lnTMax;
    private readonly double _du;
    // Cumulative ∫_u^{ln t_max} G₂ du' and ∫_u^{ln t_max} G₂ e^{−u'} du' at u = LnTFloor + i·du.
    private readonly double[] _upperG2;
    private readonly double[] _upperG2OverT;

    /// <summary>The cross-section for muons of <paramref name="beamEnergyGeV"/> on nuclei (Z, A).</summary>
    public ZPrimeCrossSection(int z, double a, double beamEnergyGeV)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beamEnergyGeV);
        Z = z;
        A = a;
        BeamEnergyGeV = beamEnergyGeV;
        _lnTMax = 2 * Math.Log(beamEnergyGeV);
        _du = (_lnTMax - LnTFloor) / (FluxPoints - 1);
        _upperG2 = new double[FluxPoints];
        _upperG2OverT = new double[FluxPoints];
        // Trapezoids from the top down on a step of ~6 × 10⁻³ in ln t: G₂ is smooth in ln t, the error is ~10⁻⁶.
        var previous = FormFactor(_lnTMax);
        var previousOverT = previous * Math.Exp(-_lnTMax);
        for (var i = FluxPoints - 2; i >= 0; i--)
        {
            var u = LnTFloor + i * _du;
            var g = FormFactor(u);
            var gOverT = g * Math.Exp(-u);
            _upperG2[i] = _upperG2[i + 1] + 0.5 * _du * (g + previous);
            _upperG2OverT[i] = _upperG2OverT[i + 1] + 0.5 * _du * (gOverT + previousOverT);
            previous = g;
            previousOverT = gOverT;
        }
    }

    public int Z { get; }
    public double A { get; }
    public double BeamEnergyGeV { get; }

    /// <summary>χ(t_min) = ∫_{t_min}^{E₀²} dt (t − t_min)/t² G₂(t), from the tables (t_min below 10⁻¹⁶ GeV² counts as 10⁻¹⁶).</summary>
    public double PhotonFlux(double tMinGeV2)
    {
        if (!(tMinGeV2 > 0)) tMinGeV2 = 0;
        var u = Math.Log(Math.Max(tMinGeV2, 1e-300));
        if (u >= _lnTMax) return 0;
        var pos = Math.Max(0, (u - LnTFloor) / _du);
        var i = Math.Min((int)pos, FluxPoints - 2);
        var f = pos - i;
        var upperG2 = (1 - f) * _upperG2[i] + f * _upperG2[i + 1];
        var upperG2OverT = (1 - f) * _upperG2OverT[i] + f * _upperG2OverT[i + 1];
        return Math.Max(0, upperG2 - tMinGeV2 * upperG2OverT);
    }

    /// <summary>dσ/dx dθ per g² in GeV⁻² for a Z' of <paramref name="massGeV"/>; 0 outside the kinematic range.</summary>
    public double DifferentialPerCouplingSquared(double x, double angleRad, double massGeV) =>
        DifferentialPerCouplingSquared(x, angleRad, massGeV, BeamEnergyGeV,
            PhotonFlux(MinimumMomentumTransfer(x, angleRad, massGeV, BeamEnergyGeV)));

    /// <summary>t_min = ũ²/(4E₀²(1 − x)²) in GeV², ũ = −xE₀²θ² − m²(1 − x)/x − m_μ²x.</summary>
    public static double MinimumMomentumTransfer(double x, double angleRad, double massGeV, double beamEnergyGeV)
    {
        var u = VirtualityU(x, angleRad, massGeV, beamEnergyGeV);
        var d = 2 * beamEnergyGeV * (1 - x);
        return u * u / (d * d);
    }

    /// <summary>
    /// dσ/dx dθ per g² in GeV⁻² for a given photon flux χ (the form of the remarks); 0 where x ≥ 1 or xE₀ ≤ m.
    /// </summary>
    public static double DifferentialPerCouplingSquared(double x, double angleRad, double massGeV, double beamEnergyGeV, double photonFlux)
    {
        var e0 = beamEnergyGeV;
        var m2 = massGeV * massGeV;
        var beta2 = x * x - m2 / (e0 * e0);
        if (!(beta2 > 0) || !(x < 1) || !(angleRad >= 0)) return 0;
        const double mu2 = MuonPairCrossSection.MuonMassGeV * MuonPairCrossSection.MuonMassGeV;
        var u = VirtualityU(x, angleRad, massGeV, e0);
        var u2 = u * u;
        var bracket = 2 * (2 - 2 * x + x * x) / (1 - x) + 4 * (m2 + 2 * mu2) * (u * x + m2 * (1 - x) + mu2 * x * x) / u2;
        const double prefactor = APrimeCrossSection.Alpha * APrimeCrossSection.Alpha / (2 * Math.PI);
        return prefactor * e0 * e0 * Math.Sin(angleRad) * Math.Sqrt(beta2) * (1 - x) / u2 * bracket * photonFlux;
    }

    /// <summary>The angle θ_c = √(m²(1 − x)/x² + m_μ²)/E₀ where ũ doubles: below it dσ/dθ ∝ θ, above it falls as θ⁻³.</summary>
    public double CharacteristicAngle(double x, double massGeV) =>
        Math.Sqrt(massGeV * massGeV * (1 - x) / (x * x) + MuonPairCrossSection.MuonMassGeV * MuonPairCrossSection.MuonMassGeV) / BeamEnergyGeV;

    /// <summary>dσ/dx per g² in GeV⁻²: dσ/dx dθ integrated over 0 ≤ θ ≤ 0.3 (adaptive Gauss–Kronrod, 10⁻⁹ relative).</summary>
    public double EnergyFractionSpectrum(double x, double massGeV) =>
        EnergyFractionSpectrum(x, massGeV, new AdaptiveGaussKronrod(1));

    /// <summary>σ per g² in GeV⁻² for Z' energy fractions x ≥ <paramref name="minEnergyFraction"/> (up to 1 − m_μ/E₀).</summary>
    public double TotalPerCouplingSquared(double massGeV, double minEnergyFraction)
    {
        var (yLow, yHigh) = FractionRange(massGeV, minEnergyFraction);
        if (!(yHigh > yLow)) return 0;
        var inner = new AdaptiveGaussKronrod(1);
        // In y = ln(1 − x), dx = −(1 − x) dy: resolves the rise towards x → 1 of heavy Z' (cut off at 1 − x ~ m_μ²/m²).
        AdaptiveGaussKronrod.Integrand f = (y, wk, kronrod, wd, difference) =>
        {
            var oneMinusX = Math.Exp(y);
            var v = EnergyFractionSpectrum(1 - oneMinusX, massGeV, inner) * oneMinusX;
            kronrod[0] += wk * v;
            difference[0] += wd * v;
        };
        return new AdaptiveGaussKronrod(1).Integrate(f, [yLow, yHigh], 0, Tolerance);
    }

    /// <summary>σ per g² in cm² for x ≥ <paramref name="minEnergyFraction"/>.</summary>
    public double TotalPerCouplingSquaredCm2(double massGeV, double minEnergyFraction) =>
        TotalPerCouplingSquared(massGeV, minEnergyFraction) * APrimeCrossSection.GeV2ToCm2;

    /// <summary>The integration range in y = ln(1 − x), low to high: x from 1 − m_μ/E₀ down to max(m/E₀, x_min).</summary>
    internal (double Low, double High) FractionRange(double massGeV, double minEnergyFraction)
    {
        var xLow = Math.Max(massGeV / BeamEnergyGeV, minEnergyFraction);
        var xHigh = 1 - MuonPairCrossSection.MuonMassGeV / BeamEnergyGeV;
        return xHigh > xLow ? (Math.Log(1 - xHigh), Math.Log(1 - xLow)) : (0, 0);
    }

    internal double EnergyFractionSpectrum(double x, double massGeV, AdaptiveGaussKronrod integrator)
    {
        if (!(x * BeamEnergyGeV > massGeV) || !(x < 1)) return 0;
        var thetaC = CharacteristicAngle(x, massGeV);
        AdaptiveGaussKronrod.Integrand f = (theta, wk, kronrod, wd, difference) =>
        {
            var v = DifferentialPerCouplingSquared(x, theta, massGeV);
            kronrod[0] += wk * v;
            difference[0] += wd * v;
        };
        Span<double> breaks = stackalloc double[6];
        var count = 0;
        breaks[count++] = 0;
        foreach (var multiple in (ReadOnlySpan<double>)[1.0, 10.0, 100.0, 1000.0])
            if (multiple * thetaC < MaxAngleRad) breaks[count++] = multiple * thetaC;
        breaks[count++] = MaxAngleRad;
        return integrator.Integrate(f, breaks[..count], 0, Tolerance);
    }

    private static double VirtualityU(double x, double angleRad, double massGeV, double beamEnergyGeV)
    {
        const double mu2 = MuonPairCrossSection.MuonMassGeV * MuonPairCrossSection.MuonMassGeV;
        return -x * beamEnergyGeV * beamEnergyGeV * angleRad * angleRad - massGeV * massGeV * (1 - x) / x - mu2 * x;
    }

    private double FormFactor(double lnT) => APrimeCrossSection.FormFactorG2(Math.Exp(lnT), Z, A);
}
