using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The visible decay X (or A') → e⁺e⁻ of a vector coupled to the electron with strength ε e (physics.md §8a):
/// Γ = (α ε² m / 3) √(1 − 4 m_e²/m²) (1 + 2 m_e²/m²) (Bjorken, Essig, Schuster, Toro, PRD 80 (2009) 075018, §II; the
/// width NA64 uses in PRL 120 (2018) 231802 and PRD 101 (2020) 071101), the only open channel below 2 m_μ.
/// Lengths in cm, energies and masses in GeV.
/// </summary>
public static class APrimeDecay
{
    /// <summary>ħc in GeV·cm (PDG, physical constants), from the MeV·m value the synchrotron model holds.</summary>
    public const double HbarCGeVCm = SynchrotronRadiation.HbarCMeVM * 1e-3 * 1e2;

    /// <summary>Γ(X → e⁺e⁻) in GeV; 0 below the threshold m = 2 m_e.</summary>
    public static double WidthGeV(double massGeV, double epsilon)
    {
        var r = APrimeCrossSection.ElectronMassGeV * APrimeCrossSection.ElectronMassGeV / (massGeV * massGeV);
        if (!(1 - 4 * r > 0)) return 0;
        return APrimeCrossSection.Alpha * epsilon * epsilon * massGeV / 3 * Math.Sqrt(1 - 4 * r) * (1 + 2 * r);
    }

    /// <summary>cτ = ħc / Γ in cm (+∞ below threshold or at ε = 0).</summary>
    public static double ProperLengthCm(double massGeV, double epsilon)
    {
        var width = WidthGeV(massGeV, epsilon);
        return width > 0 ? HbarCGeVCm / width : double.PositiveInfinity;
    }

    /// <summary>γβ = p/m of an X of energy <paramref name="energyGeV"/> (0 below its mass).</summary>
    public static double GammaBeta(double energyGeV, double massGeV) =>
        Math.Sqrt(Math.Max(energyGeV * energyGeV - massGeV * massGeV, 0)) / massGeV;

    /// <summary>The mean decay length in the laboratory, λ = γβ cτ = (p/m) cτ, for an X of energy <paramref name="energyGeV"/>.</summary>
    public static double DecayLengthCm(double energyGeV, double massGeV, double epsilon) =>
        GammaBeta(energyGeV, massGeV) * ProperLengthCm(massGeV, epsilon);

    /// <summary>
    /// The probability that an X of mean decay length λ decays between the distances <paramref name="fromCm"/> and
    /// <paramref name="toCm"/> from its production point: e^(−from/λ) − e^(−to/λ), written as e^(−from/λ)(1 − e^(−(to − from)/λ))
    /// so that it keeps its relative precision for λ ≫ to (the long-lived limit (to − from)/λ).
    /// </summary>
    public static double ProbabilityBetween(double decayLengthCm, double fromCm, double toCm)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromCm);
        if (!(toCm > fromCm) || !(decayLengthCm > 0) || double.IsPositiveInfinity(decayLengthCm)) return 0;
        return Math.Exp(-fromCm / decayLengthCm) * -SpecialFunctions.ExpM1(-(toCm - fromCm) / decayLengthCm);
    }
}
