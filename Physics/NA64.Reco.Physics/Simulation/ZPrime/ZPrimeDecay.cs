using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// Decays of the Z' of U(1)_{L_μ − L_τ} (physics.md §8b), a vector coupled with strength g to μ, τ and their
/// left-handed neutrinos: Γ(Z' → ν ν̄) = g² m / (24π) per neutrino flavour (ν_μ and ν_τ), Γ(Z' → ℓ⁺ℓ⁻) =
/// (g² m / 12π) (1 + 2m_ℓ²/m²) √(1 − 4m_ℓ²/m²) per charged lepton ℓ = μ, τ above its threshold (the widths of DMG4's
/// DarkZ, Bondi et al., CPC 269 (2021) 108129; Gninenko, Krasnikov, Matveev, PRD 91 (2015) 095015). NA64μ sees the
/// invisible channel: its branching ratio is 1 below 2m_μ, tends to 1/2 above it and to 1/3 above 2m_τ. Masses in GeV.
/// </summary>
public static class ZPrimeDecay
{
    /// <summary>Muon mass in GeV (PDG 2024).</summary>
    public const double MuonMassGeV = MuonPairCrossSection.MuonMassGeV;
    /// <summary>τ mass in GeV (PDG 2024).</summary>
    public const double TauMassGeV = 1.77693;

    /// <summary>Γ(Z' → ν_μ ν̄_μ) + Γ(Z' → ν_τ ν̄_τ) in GeV.</summary>
    public static double InvisibleWidthGeV(double massGeV, double coupling) =>
        2 * coupling * coupling * massGeV / (24 * Math.PI);

    /// <summary>Γ(Z' → ℓ⁺ℓ⁻) in GeV for a charged lepton of mass <paramref name="leptonMassGeV"/>; 0 below threshold.</summary>
    public static double ChargedWidthGeV(double massGeV, double coupling, double leptonMassGeV)
    {
        var r = leptonMassGeV * leptonMassGeV / (massGeV * massGeV);
        if (!(1 - 4 * r > 0)) return 0;
        return coupling * coupling * massGeV / (12 * Math.PI) * (1 + 2 * r) * Math.Sqrt(1 - 4 * r);
    }

    /// <summary>BR(Z' → invisible): the neutrino width over the total (independent of g).</summary>
    public static double InvisibleBranchingRatio(double massGeV)
    {
        var invisible = InvisibleWidthGeV(massGeV, 1);
        return invisible / (invisible + ChargedWidthGeV(massGeV, 1, MuonMassGeV) + ChargedWidthGeV(massGeV, 1, TauMassGeV));
    }
}
