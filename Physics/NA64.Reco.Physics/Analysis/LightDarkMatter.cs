using System.Globalization;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The light-dark-matter variable y = ε² α_D (m_χ/m_A')⁴ of E. Izaguirre, G. Krnjaic, P. Schuster, N. Toro, PRL 115
/// (2015) 251301, which fixes the thermal relic target independently of the mediator couplings. NA64 quotes it against
/// m_χ for m_A' = 3 m_χ and α_D = 0.1 and 0.5 (NA64, PRD 97 (2018) 072002; PRL 123 (2019) 121801).
/// With A' → χχ̄ invisible (BR ≈ 1: m_A' &gt; 2 m_χ and α_D ≫ α ε²) the signal depends on ε and m_A' only, so the ε limit
/// at m_A' gives y_90 = ε_90² α_D (1/3)⁴ at m_χ = m_A'/3.
/// </summary>
public static class LightDarkMatter
{
    /// <summary>m_A' / m_χ of the benchmark.</summary>
    public const double MassRatio = 3;

    /// <summary>The dark couplings α_D of the benchmark curves.</summary>
    public static IReadOnlyList<double> AlphaD { get; } = [0.1, 0.5];

    /// <summary>m_χ = m_A' / 3 [MeV].</summary>
    public static double MassChiMeV(double massAPrimeMeV) => massAPrimeMeV / MassRatio;

    /// <summary>y = ε² α_D (m_χ/m_A')⁴ = ε² α_D / 81 (+∞ where ε is unconstrained).</summary>
    public static double Y(double epsilon, double alphaD)
    {
        var r2 = MassRatio * MassRatio;
        return epsilon * epsilon * alphaD / (r2 * r2);
    }

    /// <summary>Name of the y_90 column or key for one α_D: <c>y_90_alphaD_0.1</c>.</summary>
    public static string Name(double alphaD) => "y_90_alphaD_" + alphaD.ToString("R", CultureInfo.InvariantCulture);
}
