namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Multiple Coulomb scattering through small angles (physics.md §8b, "Spectrometers"): the Gaussian core's width of the
/// projected angle, Highland's formula as the PDG gives it (RPP, "Passage of particles through matter", §34.3,
/// eq. 34.16; Lynch and Dahl, NIM B58 (1991) 6): θ₀ = (13.6 MeV / βcp) z √(x/X₀) [1 + 0.038 ln(x z² / X₀β²)], accurate
/// to 11% for 10⁻³ &lt; x/X₀ &lt; 100. Its single-scattering tail is not modelled.
/// </summary>
public static class MultipleScattering
{
    /// <summary>Highland's constant, GeV.</summary>
    public const double HighlandScaleGeV = 0.0136;

    /// <summary>
    /// θ₀ (rad) of a particle of charge ±1, momentum <paramref name="momentumGeV"/> and mass <paramref name="massGeV"/>
    /// through <paramref name="thicknessX0"/> radiation lengths; 0 for no material.
    /// </summary>
    public static double HighlandAngleRad(double momentumGeV, double massGeV, double thicknessX0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(momentumGeV);
        ArgumentOutOfRangeException.ThrowIfNegative(thicknessX0);
        if (thicknessX0 == 0) return 0;
        var energy = Math.Sqrt(momentumGeV * momentumGeV + massGeV * massGeV);
        var beta = momentumGeV / energy;
        var bracket = 1 + 0.038 * Math.Log(thicknessX0 / (beta * beta));
        return HighlandScaleGeV / (beta * momentumGeV) * Math.Sqrt(thicknessX0) * Math.Max(bracket, 0);
    }
}
