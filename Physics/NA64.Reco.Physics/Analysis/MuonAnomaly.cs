using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// A value of the muon's anomalous-moment discrepancy Δa_μ = a_μ(exp) − a_μ(SM) with its uncertainty, and the band of
/// Z' couplings that would explain it (physics.md §8b). The one-loop contribution of a vector Z' of mass m and coupling
/// g to the muon is Δa_μ(g, m) = (g²/4π²) ∫₀¹ dx x²(1 − x) / (x² + (1 − x) m²/m_μ²) (Leveille, Nucl. Phys. B 137 (1978)
/// 63; Jegerlehner and Nyffeler, Phys. Rep. 477 (2009) 1; the form NA64 quotes, PRL 132 (2024) 211803), which
/// tends to g²/8π² for m ≪ m_μ and to g² m_μ²/(12π² m²) for m ≫ m_μ.
/// </summary>
/// <param name="DeltaA">Δa_μ.</param>
/// <param name="Sigma">Its one-standard-deviation uncertainty.</param>
/// <param name="Source">Where the value comes from, as results print it.</param>
public sealed record MuonAnomaly(double DeltaA, double Sigma, string Source)
{
    /// <summary>Muon mass in MeV (PDG 2024).</summary>
    public const double MuonMassMeV = MuonPairCrossSection.MuonMassGeV * 1e3;

    /// <summary>
    /// The one-loop integral I(r) = ∫₀¹ dx x²(1 − x) / (x² + (1 − x) r²), r = m/m_μ, so that Δa_μ = g² I / 4π²;
    /// adaptive Gauss–Kronrod with a break at x = r, where the integrand turns over, to 10⁻¹² relative.
    /// </summary>
    public static double LoopIntegral(double massMeV)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(massMeV);
        var r = massMeV / MuonMassMeV;
        var r2 = r * r;
        AdaptiveGaussKronrod.Integrand f = (x, wk, kronrod, wd, difference) =>
        {
            var v = x * x * (1 - x) / (x * x + (1 - x) * r2);
            kronrod[0] += wk * v;
            difference[0] += wd * v;
        };
        Span<double> breaks = r > 0 && r < 1 ? [0, r, 1] : [0, 1];
        return new AdaptiveGaussKronrod(1).Integrate(f, breaks, 0, 1e-12);
    }

    /// <summary>Δa_μ(g, m) of a vector Z' coupled to the muon with strength g.</summary>
    public static double ZPrimeContribution(double coupling, double massMeV) =>
        coupling * coupling * LoopIntegral(massMeV) / (4 * Math.PI * Math.PI);

    /// <summary>
    /// The couplings whose contribution lies within <paramref name="sigmas"/> standard deviations of Δa_μ:
    /// g = √((Δa_μ ∓ nσ) / (Δa_μ(1, m))), the lower edge 0 when Δa_μ − nσ ≤ 0, nothing (NaN, NaN) when Δa_μ + nσ ≤ 0.
    /// </summary>
    public (double Low, double High) FavouredCouplings(double massMeV, double sigmas = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sigmas);
        var perUnitCoupling = ZPrimeContribution(1, massMeV);
        var high = DeltaA + sigmas * Sigma;
        if (!(high > 0) || !(perUnitCoupling > 0)) return (double.NaN, double.NaN);
        var low = DeltaA - sigmas * Sigma;
        return (low > 0 ? Math.Sqrt(low / perUnitCoupling) : 0, Math.Sqrt(high / perUnitCoupling));
    }
}
