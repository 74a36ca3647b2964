using System.Globalization;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Tests.Simulation.APrime;

/// <summary>
/// DMG4's exact-tree-level total cross-sections for Pb (Data/dmg4-etl-pb.csv, sources in its header), and this code's
/// IWW total cross-section at the same points: the two numbers the default k-factor table is made of.
/// </summary>
internal static class EtlReference
{
    /// <summary>DMG4 quotes σ in pb at ε = 1e-4; 1 pb = 1e-36 cm², σ ∝ ε².</summary>
    public const double PbAtEpsilon1e4ToCm2 = 1e-36 / 1e-8;

    /// <summary>Pb as in DMG4's reference (Z = 82) with the default conditions' A.</summary>
    public const int Z = 82;
    public const double A = 207.2;

    private static readonly Lazy<(double[] MassesMeV, double[] EnergiesGeV, double[][] SigmaCm2)> s_table = new(Load);

    public static double[] MassesMeV => s_table.Value.MassesMeV;
    public static double[] EnergiesGeV => s_table.Value.EnergiesGeV;

    /// <summary>σ_ETL in cm² at ε = 1, <c>[mass row][energy column]</c>.</summary>
    public static double[][] SigmaCm2 => s_table.Value.SigmaCm2;

    /// <summary>This code's IWW σ in cm² at ε = 1 over all A' energy fractions (the denominator of k).</summary>
    public static double IwwCm2(double massMeV, double energyGeV) =>
        APrimeCrossSection.TotalCrossSectionGeV2(energyGeV, massMeV * 1e-3, 0, Z, A) * APrimeCrossSection.GeV2ToCm2;

    private static readonly Lazy<(double[] MassesMeV, double[] K)> s_dmg4K = new(LoadDmg4K);

    /// <summary>
    /// DMG4's K = σ_IWW(closed form)/σ_ETL at E₀ = 100 GeV, interpolated linearly in m between its rows as DMG4 does
    /// (Data/dmg4-kfactor-100gev.csv).
    /// </summary>
    public static double Dmg4KAt100GeV(double massMeV)
    {
        var (masses, k) = s_dmg4K.Value;
        var i = 0;
        while (i < masses.Length - 2 && masses[i + 1] < massMeV) i++;
        var f = Math.Clamp((massMeV - masses[i]) / (masses[i + 1] - masses[i]), 0, 1);
        return k[i] + f * (k[i + 1] - k[i]);
    }

    /// <summary>
    /// DMG4's closed-form IWW total cross-section in cm² at ε = 1 for Pb (Z = 82, A = 207), its branch m &gt; 1 MeV:
    /// σ = (4/3) α³ χ β ln(1/δ²)/m², δ = max(m_e/m, m/E₀), β = √(1 − m²/E₀²), χ in closed form with t_min = m⁴/4E₀²,
    /// t_max = m², α = 1/137 and its constants (DarkPhotons::TotalCrossSectionCalc, PKMuon/DMG4 src/DarkMatter/DarkPhotons.cc
    /// at commit 9a6758188f74ac464c53892cb25794435310bc55). Ported here only to relate this code's k to DMG4's K.
    /// </summary>
    public static double Dmg4ClosedFormIwwCm2(double massMeV, double energyGeV)
    {
        const double me = 5.109989461e-4, alpha = 1.0 / 137, gevToPb = 3.894e8, z = 82, a = 207;
        var m = massMeV * 1e-3;
        var tMin = m * m * m * m / (4 * energyGeV * energyGeV);
        var tMax = m * m;
        var aa = 111 * Math.Pow(z, -1.0 / 3) / me;
        var ta = 1 / (aa * aa);
        var td = 0.164 * Math.Pow(a, -2.0 / 3);
        var chi = z * z * -(td * td * ((ta - td) * (ta + td + 2 * tMax) * (tMax - tMin) / ((ta + tMax) * (td + tMax))
                                       + (ta + td + 2 * tMin) * (Math.Log(ta + tMax) - Math.Log(td + tMax) - Math.Log(ta + tMin) + Math.Log(td + tMin)))
                           / Math.Pow(ta - td, 3));
        var beta = Math.Sqrt(1 - m * m / (energyGeV * energyGeV));
        var cutoff = Math.Max(me / m, m / energyGeV);
        var pb = gevToPb * 4.0 / 3 * alpha * alpha * alpha * chi * beta * Math.Log(1 / (cutoff * cutoff)) / (m * m);
        return pb * 1e-36; // pb at ε = 1 (DMG4 multiplies by ε_B² = 1e-8 for its pb at ε = 1e-4)
    }

    private static IEnumerable<string[]> Rows(string file, string header)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Simulation", "APrime", "Data", file);
        var first = true;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            if (first)
            {
                Assert.Equal(header, line);
                first = false;
                continue;
            }
            yield return line.Split(',');
        }
    }

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static (double[], double[]) LoadDmg4K()
    {
        var rows = Rows("dmg4-kfactor-100gev.csv", "mass_mev,k_iww_over_etl").ToArray();
        return (rows.Select(r => Number(r[0])).ToArray(), rows.Select(r => Number(r[1])).ToArray());
    }

    private static (double[], double[], double[][]) Load()
    {
        var points = Rows("dmg4-etl-pb.csv", "mass_mev,energy_gev,sigma_pb")
            .Select(f => (Mass: Number(f[0]), Energy: Number(f[1]), Sigma: Number(f[2]) * PbAtEpsilon1e4ToCm2))
            .ToList();
        var masses = points.Select(p => p.Mass).Distinct().Order().ToArray();
        var energies = points.Select(p => p.Energy).Distinct().Order().ToArray();
        Assert.Equal(masses.Length * energies.Length, points.Count);
        var sigma = new double[masses.Length][];
        for (var i = 0; i < masses.Length; i++)
        {
            sigma[i] = new double[energies.Length];
            for (var j = 0; j < energies.Length; j++) sigma[i][j] = points.Single(p => p.Mass == masses[i] && p.Energy == energies[j]).Sigma;
        }
        return (masses, energies, sigma);
    }
}
