using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// Differential cross-sections dσ/dε per atom of a muon of total energy E handing the energy ε to the material, for the
/// four processes of <see cref="MuonProcess"/> (physics.md §8c), and their integrals: the cross-section above a
/// transfer, and the energy-loss coefficient b(E) = (N_A/A) ∫ ε dσ/dε dε / E of −dE/dx = a(E) + b(E) E. Energies in GeV,
/// cross-sections in cm² (per GeV for the differential ones).
/// <list type="bullet">
/// <item>Knock-on electrons: the spin-½ free-electron cross-section (Rossi, <i>High Energy Particles</i>, 1952; PDG,
/// "Passage of particles through matter", the δ-ray distribution with its spin-½ term), Z electrons per atom, with
/// R. P. Kokoulin's radiative correction as Geant4's G4MuBetheBlochModel evaluates it.</item>
/// <item>Bremsstrahlung: Kelner, Kokoulin and Petrukhin (Phys. Atom. Nucl. 60 (1997) 576), nuclear form factor with
/// D_n = 1.54 A^0.27 and the atomic-electron term, as given by Groom, Mokhov and Striganov (ADNDT 78 (2001) 183, §4.1)
/// and evaluated in Geant4's G4MuBremsstrahlungModel.</item>
/// <item>Pair production: Kokoulin and Petrukhin (Proc. 12th ICRC, Hobart, 1971, vol. 6, 2436), the double differential
/// in ε and the pair asymmetry ρ with the electron and muon terms and the atomic-electron correction ζ, integrated over
/// ρ by Gauss–Legendre in ln(1 − |ρ|); the form of Groom et al. §4.2 and of Geant4's G4MuPairProductionModel.</item>
/// <item>Photonuclear: Borog and Petrukhin (Proc. 14th ICRC, Munich, 1975, vol. 6, 1949), with the photon–nucleon
/// cross-section σ_γN = 49.2 + 11.1 ln ε + 151.8/√ε μb (Caldwell et al., PRL 42 (1979) 553) and the shadowing
/// A_eff = 0.22 A + 0.78 A^0.89; for ε above 0.2 GeV, as in Groom et al. §4.3 and Geant4's G4KokoulinMuonNuclearXS.</item>
/// </list>
/// </summary>
public static class MuonTransferCrossSection
{
    private const double Me = APrimeCrossSection.ElectronMassGeV;
    private const double Mmu = MuonPairCrossSection.MuonMassGeV;
    private const double Re = MuonPairCrossSection.ElectronRadiusCm;
    private const double Alpha = APrimeCrossSection.Alpha;
    private const double ProtonMassGeV = 0.93827208816; // PDG 2024
    private static readonly double s_sqrtE = Math.Sqrt(Math.E);

    /// <summary>The smallest photonuclear transfer the Borog–Petrukhin form is used for (the validity of σ_γN's fit).</summary>
    public const double PhotoNuclearMinGeV = 0.2;

    private const int RhoPoints = 8;
    private static readonly (double[] Nodes, double[] Weights) s_gauss = GaussLegendre(RhoPoints);

    /// <summary>The kinematic range (ε_min, ε_max) of a transfer at total energy <paramref name="energyGeV"/> on element Z.</summary>
    public static (double Min, double Max) TransferRange(MuonProcess process, double energyGeV, int z)
    {
        switch (process)
        {
            case MuonProcess.KnockOnElectron:
                return (0, KnockOnMaximum(energyGeV));
            case MuonProcess.Bremsstrahlung:
                return (0, energyGeV - Mmu);
            case MuonProcess.PairProduction:
                return (4 * Me, energyGeV - 0.75 * s_sqrtE * Mmu * Math.Cbrt(z));
            case MuonProcess.PhotoNuclear:
                return (PhotoNuclearMinGeV, energyGeV - 0.5 * ProtonMassGeV);
            default:
                throw new ArgumentOutOfRangeException(nameof(process), process, null);
        }
    }

    /// <summary>dσ/dε in cm²/GeV per atom of element (Z, A) for a muon of total energy E; 0 outside the kinematic range.</summary>
    public static double PerAtom(MuonProcess process, double energyGeV, double transferGeV, int z, double a) => process switch
    {
        MuonProcess.KnockOnElectron => z * KnockOn(energyGeV, transferGeV),
        MuonProcess.Bremsstrahlung => Bremsstrahlung(energyGeV, transferGeV, z, a),
        MuonProcess.PairProduction => PairProduction(energyGeV, transferGeV, z, s_gauss),
        MuonProcess.PhotoNuclear => PhotoNuclear(energyGeV, transferGeV, a),
        _ => throw new ArgumentOutOfRangeException(nameof(process), process, null),
    };

    /// <summary>σ(ε > <paramref name="cutGeV"/>) in cm² per atom: adaptive Gauss–Kronrod in ln ε to 10⁻⁸ relative.</summary>
    public static double AboveCut(MuonProcess process, double energyGeV, double cutGeV, int z, double a)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutGeV);
        var (min, max) = TransferRange(process, energyGeV, z);
        var lo = Math.Max(cutGeV, min);
        if (!(max > lo)) return 0;
        return IntegrateLog(process, energyGeV, z, a, lo, max, weightByTransfer: false);
    }

    /// <summary>
    /// b(E) of one process in cm²/g: (N_A/A) ∫ ε dσ/dε dε / E over the whole range, or from <paramref name="fromGeV"/>
    /// up (knock-on electrons have no lower end; the integral from ε converges as ln(ε_max/ε)).
    /// </summary>
    public static double EnergyLossCoefficient(MuonProcess process, double energyGeV, int z, double a, double fromGeV = 1e-6)
    {
        var (min, max) = TransferRange(process, energyGeV, z);
        var lo = Math.Max(fromGeV, min);
        if (!(max > lo)) return 0;
        return IntegrateLog(process, energyGeV, z, a, lo, max, weightByTransfer: true) * APrimeCrossSection.Avogadro / a / energyGeV;
    }

    private static double IntegrateLog(MuonProcess process, double energyGeV, int z, double a, double lo, double hi, bool weightByTransfer)
    {
        AdaptiveGaussKronrod.Integrand f = (u, wk, kronrod, wd, difference) =>
        {
            var eps = Math.Exp(u);
            var v = eps * PerAtom(process, energyGeV, eps, z, a) * (weightByTransfer ? eps : 1);
            kronrod[0] += wk * v;
            difference[0] += wd * v;
        };
        // Breaks every factor e in ε: the integrands change character (screening, the muon term of the pair) on that scale.
        var lnLo = Math.Log(lo);
        var lnHi = Math.Log(hi);
        var pieces = Math.Max(1, (int)Math.Ceiling(lnHi - lnLo));
        Span<double> breaks = stackalloc double[pieces + 1];
        for (var i = 0; i <= pieces; i++) breaks[i] = lnLo + (lnHi - lnLo) * i / pieces;
        return new AdaptiveGaussKronrod(1).Integrate(f, breaks, 0, 1e-8);
    }

    /// <summary>T_max = 2m_e β²γ² / (1 + 2γ m_e/M + (m_e/M)²), the largest energy a free electron can take.</summary>
    private static double KnockOnMaximum(double energyGeV)
    {
        var gamma = energyGeV / Mmu;
        var beta2gamma2 = gamma * gamma - 1;
        var ratio = Me / Mmu;
        return 2 * Me * beta2gamma2 / (1 + 2 * gamma * ratio + ratio * ratio);
    }

    /// <summary>
    /// dσ/dT per electron = 2π r_e² m_e / (β² T²) · (1 − β² T/T_max + T²/2E²), times Kokoulin's radiative correction
    /// 1 + (α/2π) ln(1 + 2T/m_e) [ln(4E(E − T)/m_μ²) − ln(1 + 2T/m_e)] above T = 100 keV (as Geant4's G4MuBetheBlochModel
    /// applies it; 5–7% more knock-on electrons above 0.1 GeV at 40–160 GeV).
    /// </summary>
    internal static double KnockOn(double energyGeV, double t, bool radiativeCorrection = true)
    {
        var tMax = KnockOnMaximum(energyGeV);
        if (!(t > 0 && t < tMax)) return 0;
        var beta2 = 1 - Mmu * Mmu / (energyGeV * energyGeV);
        var shape = 1 - beta2 * t / tMax + t * t / (2 * energyGeV * energyGeV);
        if (radiativeCorrection && t > RadiativeCorrectionMinGeV)
        {
            var a1 = Math.Log(1 + 2 * t / Me);
            var a3 = Math.Log(4 * energyGeV * (energyGeV - t) / (Mmu * Mmu));
            shape *= 1 + Alpha / (2 * Math.PI) * a1 * (a3 - a1);
        }
        return 2 * Math.PI * Re * Re * Me / (beta2 * t * t) * shape;
    }

    private const double RadiativeCorrectionMinGeV = 1e-4;

    /// <summary>
    /// dσ/dε = (16/3) α (r_e m_e/m_μ)² (1 − v + 3v²/4) Z (Z Φ_n + Φ_e)/ε, v = ε/E, with the screened nuclear and
    /// atomic-electron logarithms Φ_n and Φ_e of Kelner, Kokoulin and Petrukhin (constants B = 183, B' = 1429, or 202.4
    /// and 446 for hydrogen; D_n = 1.54 A^0.27, raised to 1 − 1/Z for Z > 1).
    /// </summary>
    private static double Bremsstrahlung(double energyGeV, double eps, int z, double a)
    {
        if (!(eps > 0 && eps < energyGeV - Mmu)) return 0;
        var v = eps / energyGeV;
        var delta = Mmu * Mmu * v / (2 * (energyGeV - eps));
        double b = z == 1 ? 202.4 : 183.0, bPrime = z == 1 ? 446.0 : 1429.0;
        var zThird = Math.Cbrt(z);
        var dn = 1.54 * Math.Pow(a, 0.27);
        if (z > 1) dn = Math.Pow(dn, 1 - 1.0 / z);
        var nuclear = b / zThird;
        var phiN = Math.Log(nuclear * (Mmu + delta * (dn * s_sqrtE - 2)) / (dn * (Me + delta * s_sqrtE * nuclear)));
        var phiE = 0.0;
        if (eps < energyGeV / (1 + Mmu * Mmu / (2 * Me * energyGeV)))
        {
            var electron = bPrime / (zThird * zThird);
            phiE = Math.Log(electron * Mmu / ((1 + delta * Mmu / (Me * Me * s_sqrtE)) * (Me + delta * s_sqrtE * electron)));
        }
        var rMu = Re * Me / Mmu;
        var result = 16.0 / 3.0 * Alpha * rMu * rMu * (1 - v + 0.75 * v * v) * z * (z * Math.Max(phiN, 0) + Math.Max(phiE, 0)) / eps;
        return Math.Max(result, 0);
    }

    /// <summary>
    /// dσ/dε = (4/3π) Z(Z + ζ) α² r_e² (1 − v)/ε ∫ dρ [Φ_e + (m_e/m_μ)² Φ_μ], the Kokoulin–Petrukhin double differential
    /// integrated over the asymmetry ρ of the pair from 0 to ρ_max = [1 − 6m_μ²/(E²(1 − v))] √(1 − 4m_e/ε) (the integrand
    /// is even in ρ), in the variable ln(1 − ρ).
    /// </summary>
    internal static double PairProduction(double energyGeV, double eps, int z, (double[] Nodes, double[] Weights) rule)
    {
        var (min, max) = TransferRange(MuonProcess.PairProduction, energyGeV, z);
        if (!(eps > min && eps < max)) return 0;
        var residual = energyGeV - eps;
        var inverseEnergies = 1 / (energyGeV * residual);
        var alf = 4 * Me / eps;
        var rt = Math.Sqrt(1 - alf);
        var delta = 6 * Mmu * Mmu * inverseEnergies;
        var oneMinusRhoMax = alf / (1 + rt) + delta * rt; // 1 − ρ_max without the cancellation
        if (!(oneMinusRhoMax < 1)) return 0;
        var lnMin = Math.Log(oneMinusRhoMax);

        var zThird = Math.Cbrt(z);
        var zTwoThirds = zThird * zThird;
        double b, g1, g2;
        if (z == 1) (b, g1, g2) = (202.4, 4.4e-5, 4.8e-5);
        else (b, g1, g2) = (183.0, 1.95e-5, 5.3e-5);
        // ζ: the pair production on the atomic electrons, relative to Z on the nucleus (Kelner's fit).
        var zeta = 0.0;
        var z1 = energyGeV / (Mmu + g1 * zTwoThirds * energyGeV);
        var numerator = 0.073 * Math.Log(z1) - 0.26;
        if (numerator > 0)
        {
            var z2 = energyGeV / (Mmu + g2 * zThird * energyGeV);
            zeta = numerator / (0.058 * Math.Log(z2) - 0.14);
        }
        var massRatio = Mmu / Me;
        var massRatio2 = massRatio * massRatio;
        var screen0 = 2 * Me * s_sqrtE * b / (zThird * eps);
        var beta = 0.5 * eps * eps * inverseEnergies;
        var xi0 = 0.5 * massRatio2 * beta;

        var (nodes, weights) = rule;
        var sum = 0.0;
        for (var i = 0; i < nodes.Length; i++)
        {
            // 1 − ρ runs from 1 − ρ_max to 1 as ln(1 − ρ) = lnMin (1 − node); (1 − ρ) is the Jacobian.
            var oneMinusRho = Math.Exp(lnMin * nodes[i]);
            var rho = 1 - oneMinusRho;
            var rho2 = rho * rho;
            var xi = xi0 * (1 - rho2);
            var xi1 = 1 + xi;

            var ye = 1 + ((4 * beta + 5) + (4 * beta - 1) * rho2)
                / ((6 * beta + 2) * Math.Log(3 + 1 / xi) + (2 * beta - 1) * rho2 - 4 * beta);
            var ym = 1 + ((6 * beta + 2) * (1 + rho2) + 6)
                / ((4 * beta + 3) * (1 + rho2) * Math.Log(3 + xi) + 2 - 3 * rho2);

            var be = xi <= 1000
                ? ((2 + rho2) * (1 + beta) + xi * (3 + rho2)) * Math.Log(1 + 1 / xi) + (1 - rho2 - beta) / xi1 - (3 + rho2)
                : 0.5 * (3 - rho2 + 2 * beta * (1 + rho2)) / xi;
            double bm;
            if (xi >= 1e-3)
            {
                var a10 = (1 + 2 * beta) * (1 - rho2);
                bm = ((1 + rho2) * (1 + 1.5 * beta) - a10 / xi) * Math.Log(xi1) + xi * (1 - rho2 - beta) / xi1 + a10;
            }
            else
            {
                bm = 0.5 * (5 - rho2 + beta * (3 + rho2)) * xi;
            }

            var screen = screen0 * xi1 / (1 - rho2);
            var le = Math.Log(b / zThird * Math.Sqrt(xi1 * ye) / (1 + screen * ye))
                     - 0.5 * Math.Log(1 + 2.25 * zTwoThirds * xi1 * ye / massRatio2);
            var fe = Math.Max(le * be, 0);
            var lm = Math.Log(b * massRatio / (1.5 * zTwoThirds * (1 + screen * ym)));
            var fm = Math.Max(lm * bm, 0) / massRatio2;
            sum += weights[i] * oneMinusRho * (fe + fm);
        }
        var prefactor = 4.0 / (3.0 * Math.PI) * Alpha * Alpha * Re * Re;
        return Math.Max(-lnMin * sum * prefactor * z * (z + zeta) * residual / (energyGeV * eps), 0);
    }

    /// <summary>
    /// dσ/dε = (α/π) A_eff σ_γN(ε)/ε · [−(1 − v) + (1 − v + v²/2 (1 + 2m_μ²/Λ²)) ln(U/D)], with
    /// U = E²(1 − v)/m_μ² · (1 + m_μ²v²/(Λ²(1 − v))), D = 1 + ε/Λ (1 + Λ/2M + ε/Λ), Λ² = 0.4 GeV², M the nucleon mass.
    /// </summary>
    private static double PhotoNuclear(double energyGeV, double eps, double a)
    {
        if (!(eps >= PhotoNuclearMinGeV && eps < energyGeV - 0.5 * ProtonMassGeV)) return 0;
        const double lambda2 = 0.4;
        var lambda = Math.Sqrt(lambda2);
        var aEff = 0.22 * a + 0.78 * Math.Pow(a, 0.89);
        var sigmaGammaN = (49.2 + 11.1 * Math.Log(eps) + 151.8 / Math.Sqrt(eps)) * 1e-30; // μb → cm²
        var v = eps / energyGeV;
        var v1 = 1 - v;
        var mu2 = Mmu * Mmu;
        var up = energyGeV * energyGeV * v1 / mu2 * (1 + mu2 * v * v / (lambda2 * v1));
        var down = 1 + eps / lambda * (1 + lambda / (2 * ProtonMassGeV) + eps / lambda);
        var result = Alpha / Math.PI * aEff * sigmaGammaN / eps * (-v1 + (v1 + 0.5 * v * v * (1 + 2 * mu2 / lambda2)) * Math.Log(up / down));
        return Math.Max(result, 0);
    }

    /// <summary>Gauss–Legendre nodes and weights on [0, 1], by Newton's method on P_n (Golub–Welsch accuracy for small n).</summary>
    internal static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            var x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative;
            while (true)
            {
                double p0 = 1, p1 = x;
                for (var k = 2; k <= n; k++) (p0, p1) = (p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k);
                derivative = n * (x * p1 - p0) / (x * x - 1);
                var step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-15) break;
            }
            nodes[i] = 0.5 * (1 - x);
            weights[i] = 1 / ((1 - x * x) * derivative * derivative);
        }
        return (nodes, weights);
    }
}
