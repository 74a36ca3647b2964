namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The improved Weizsäcker–Williams (IWW) A' bremsstrahlung cross-section e⁻Z → e⁻ZA' at ε = 1
/// (Bjorken, Essig, Schuster, Toro 2009, PRD 80 075018, "BEST"; physics.md §5). Natural units, GeV.
/// The exact-tree-level correction k(m, E) = σ_ETL / σ_IWW (conditions <c>aPrime.kFactorTable</c>) is defined against
/// <see cref="TotalCrossSectionGeV2"/> over all x; <see cref="APrimeEmitter"/> applies it.
/// </summary>
public static class APrimeCrossSection
{
    /// <summary>Fine-structure constant.</summary>
    public const double Alpha = 1.0 / 137.035999;
    /// <summary>Electron mass in GeV.</summary>
    public const double ElectronMassGeV = 0.51099895e-3;
    /// <summary>(ħc)² = 0.3894 mb·GeV²: converts GeV⁻² to cm².</summary>
    public const double GeV2ToCm2 = 0.3893794e-27;
    /// <summary>Avogadro's number per mol.</summary>
    public const double Avogadro = 6.02214076e23;

    /// <summary>
    /// Elastic atomic-plus-nuclear form factor G₂(t) = Z² [a²t/(1+a²t)]² [1/(1+t/d)]², a = 111 Z^(−1/3)/m_e,
    /// d = 0.164 GeV² A^(−2/3) (BEST eq. A18; Tsai 1974): screening by the atomic electrons at small t,
    /// the nuclear size at large t.
    /// </summary>
    public static double FormFactorG2(double tGeV2, int z, double a)
    {
        var screening = 111.0 * Math.Cbrt(1.0 / z) / ElectronMassGeV;
        var a2t = screening * screening * tGeV2;
        var d = 0.164 * Math.Pow(a, -2.0 / 3.0);
        var atomic = a2t / (1 + a2t);
        var nuclear = 1 / (1 + tGeV2 / d);
        return (double)z * z * atomic * atomic * nuclear * nuclear;
    }

    /// <summary>
    /// Effective photon flux χ(E, m) = ∫ dt (t − t_min)/t² G₂(t) from t_min = (m²/2E)² to t_max = m² + m_e² (BEST eq. A17),
    /// integrated by Simpson's rule in ln t, where the integrand is smooth.
    /// </summary>
    public static double EffectivePhotonFlux(double energyGeV, double massGeV, int z, double a)
    {
        var tMin = massGeV * massGeV / (2 * energyGeV);
        tMin *= tMin;
        var tMax = massGeV * massGeV + ElectronMassGeV * ElectronMassGeV;
        if (!(tMax > tMin)) return 0;
        const int intervals = 800; // even; the integrand spans a few decades of t smoothly
        var lo = Math.Log(tMin);
        var h = (Math.Log(tMax) - lo) / intervals;
        var sum = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var t = Math.Exp(lo + i * h);
            // dt/t² · t = d(ln t)/t: the Jacobian of the log variable turns (t − t_min)/t² into (t − t_min)/t.
            var f = (t - tMin) / t * FormFactorG2(t, z, a);
            sum += f * (i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return sum * h / 3;
    }

    /// <summary>
    /// dσ/dx at ε = 1 in GeV⁻² for x = E_A'/E: BEST eq. A12 integrated over the emission angle,
    /// 4α³χ [(1 − x + x²/2)/V − x(1 − x) m²/(6V²)], V = m²(1 − x)/x + m_e² x.
    /// For m ≫ m_e and 1 − x ≫ m_e²/m² this is the familiar 4α³χ/m² · x(1 − x + x²/3)/(1 − x) (BEST eq. A14);
    /// keeping m_e² x in V regularises x → 1 and keeps it valid for m ~ m_e. Zero where E_A' = xE &lt; m.
    /// </summary>
    public static double DifferentialCrossSectionGeV2(double x, double energyGeV, double massGeV, double chi)
    {
        if (!(x > 0 && x < 1) || x * energyGeV <= massGeV) return 0;
        var m2 = massGeV * massGeV;
        var v = m2 * (1 - x) / x + ElectronMassGeV * ElectronMassGeV * x;
        var bracket = (1 - x + 0.5 * x * x) / v - x * (1 - x) * m2 / (6 * v * v);
        return 4 * Alpha * Alpha * Alpha * chi * bracket;
    }

    /// <summary>
    /// σ(E, m) at ε = 1 in GeV⁻² for A' energy fractions in [xLow, 1 − m_e/E] (the recoil electron keeps at least
    /// its mass), integrated in y = ln(1 − x), which resolves the peak at x → 1.
    /// </summary>
    public static double TotalCrossSectionGeV2(double energyGeV, double massGeV, double xLow, int z, double a)
    {
        var chi = EffectivePhotonFlux(energyGeV, massGeV, z, a);
        var yLo = Math.Log(1 - xLow);
        var yHi = Math.Log(ElectronMassGeV / energyGeV);
        if (!(yLo > yHi)) return 0;
        const int intervals = 2000;
        var h = (yHi - yLo) / intervals;
        var sum = 0.0;
        for (var i = 0; i <= intervals; i++)
        {
            var y = yLo + i * h;
            var oneMinusX = Math.Exp(y);
            var f = DifferentialCrossSectionGeV2(1 - oneMinusX, energyGeV, massGeV, chi) * oneMinusX;
            sum += f * (i == 0 || i == intervals ? 1 : (i % 2 == 1 ? 4 : 2));
        }
        return -sum * h / 3; // y decreases as x grows
    }
}
