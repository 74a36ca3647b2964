namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// An element as a muon's ionisation sees it (physics.md §8c): Z, A, the mean excitation energy I and Sternheimer's
/// density-effect parameters δ(x), x = log₁₀ βγ: 2 ln 10 x − C̄ + a (x₁ − x)^k between x₀ and x₁, without the last term
/// above x₁, and δ₀ 10^{2(x − x₀)} below x₀ (Sternheimer, Berger and Seltzer, ADNDT 30 (1984) 261, the values of the
/// PDG's tables of atomic and nuclear properties).
/// </summary>
public sealed record MuonMaterial(string Name, int Z, double A, double ExcitationEnergyEv,
    double DensityA, double DensityK, double DensityX0, double DensityX1, double DensityCBar, double DensityDelta0)
{
    /// <summary>Iron (PDG; as printed with niess/pumas-materials' dedx/muon/iron.txt, commit 66a34de).</summary>
    public static readonly MuonMaterial Iron = new("Fe", 26, 55.845, 286.0, 0.1468, 2.9632, -0.0012, 3.1531, 4.2911, 0.12);

    /// <summary>Lead (PDG; as printed with niess/pumas-materials' dedx/muon/lead.txt, commit 66a34de).</summary>
    public static readonly MuonMaterial Lead = new("Pb", 82, 207.2, 823.0, 0.0936, 3.1608, 0.3776, 3.8073, 6.2018, 0.14);

    /// <summary>The density-effect correction δ at x = log₁₀ βγ.</summary>
    public double DensityEffect(double x)
    {
        const double twoLn10 = 4.605170185988092;
        if (x >= DensityX1) return twoLn10 * x - DensityCBar;
        if (x >= DensityX0) return twoLn10 * x - DensityCBar + DensityA * Math.Pow(DensityX1 - x, DensityK);
        return DensityDelta0 * Math.Pow(10, 2 * (x - DensityX0));
    }

    /// <summary>The material of element Z among those tabulated here (iron, lead), or null.</summary>
    public static MuonMaterial? Find(int z) => z switch
    {
        26 => Iron,
        82 => Lead,
        _ => null,
    };
}
