using System.Runtime.CompilerServices;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Synchrotron radiation of a charged particle in a uniform field (physics.md §3; Jackson, Classical Electrodynamics,
/// §14.6): bending radius, critical energy, radiated power, and photon energies sampled from the universal spectrum
/// through an inverse-CDF table built once per process.
/// </summary>
internal static class SynchrotronRadiation
{
    public const double ElectronMassMeV = 0.51099895;
    /// <summary>r_e m_e c² = e²/(4πε₀) in MeV·m: the same for every particle, so the power scales as γ⁴ ∝ 1/M⁴.</summary>
    public const double ClassicalRadiusTimesMassMeVM = 2.8179403262e-15 * ElectronMassMeV;
    public const double HbarCMeVM = 197.3269804e-15;
    /// <summary>Mean photon energy of the universal spectrum over E_c: 8/(15√3) ≈ 0.308.</summary>
    public static readonly double MeanPhotonOverCritical = 8.0 / (15.0 * Math.Sqrt(3.0));

    private const int TableBits = 12;
    private const int TableSize = 1 << TableBits;
    private const int FracBits = 32 - TableBits;
    // Cube roots of the quantiles x(u) = E/E_c at u = k/4096: near 0 the number CDF grows as x^{1/3}, so x^{1/3}
    // is nearly linear in u there and linear interpolation stays accurate down to the lowest energies.
    private static readonly double[] s_cubeRootQuantile = BuildQuantiles();

    /// <summary>ρ = p / (0.3 B) in metres (p in GeV, B in T).</summary>
    public static double BendingRadiusM(double momentumGeV, double fieldT) => momentumGeV / (0.3 * fieldT);

    /// <summary>E_c = (3/2) ħc γ³ / ρ in MeV.</summary>
    public static double CriticalEnergyMeV(double energyGeV, double massMeV, double radiusM)
    {
        var gamma = energyGeV * 1000.0 / massMeV;
        return 1.5 * HbarCMeVM * gamma * gamma * gamma / radiusM;
    }

    /// <summary>dE/ds = (2/3) r_e m_e c² γ⁴ / ρ² in MeV/m.</summary>
    public static double PowerMeVPerM(double energyGeV, double massMeV, double radiusM)
    {
        var gamma = energyGeV * 1000.0 / massMeV;
        var g2 = gamma * gamma;
        return 2.0 / 3.0 * ClassicalRadiusTimesMassMeVM * g2 * g2 / (radiusM * radiusM);
    }

    /// <summary>A photon energy in units of E_c from the number spectrum dN/dx ∝ ∫ₓ^∞ K_{5/3}(t) dt.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SampleEnergyOverCritical(ref EventRandom rng) => EnergyOverCritical(rng.NextUInt64());

    /// <summary>The photon energy (units of E_c) for the random bits in the high 32 bits of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double EnergyOverCritical(ulong bits)
    {
        var m = (uint)(bits >> 32);
        var k = (int)(m >> FracBits);
        var t = (m & ((1u << FracBits) - 1)) * (1.0 / (1u << FracBits));
        var q = s_cubeRootQuantile;
        if (k == TableSize - 1)
        {
            // Last 1/4096 of the spectrum: an exponential tail (the spectrum falls as e^{-x}/√x) from the last quantile.
            var x0 = q[k] * q[k] * q[k];
            return x0 - Math.Log(1 - t);
        }
        var v = q[k] + (q[k + 1] - q[k]) * t;
        return v * v * v;
    }

    // ∫ₓ^∞ K_ν(t) dt = ∫₀^∞ e^{−x cosh s} cosh(νs)/cosh(s) ds (from K_ν(t) = ∫₀^∞ e^{−t cosh s} cosh(νs) ds).
    private static double IntegralK53(double x)
    {
        var sMax = Math.Log(2 * 50.0 / x + 1) + 1;
        var n = Math.Max(200, (int)(sMax / 0.005));
        n += n & 1;
        var h = sMax / n;
        var sum = 0.0;
        for (var i = 0; i <= n; i++)
        {
            var s = i * h;
            var cosh = Math.Cosh(s);
            var f = Math.Exp(-x * cosh) * Math.Cosh(5.0 / 3.0 * s) / cosh;
            sum += (i == 0 || i == n ? 1 : (i & 1) == 1 ? 4 : 2) * f;
        }
        return sum * h / 3;
    }

    private static double[] BuildQuantiles()
    {
        // Number CDF on a log grid of x = E/E_c; below xMin the spectrum is ∝ x^{-2/3}: ∫₀^xMin = 3 xMin F(xMin).
        const double xMin = 1e-7, xMax = 60;
        const int n = 1600;
        var lnMin = Math.Log(xMin);
        var h = (Math.Log(xMax) - lnMin) / (n - 1);
        var xs = new double[n];
        var cdf = new double[n];
        var prev = 0.0;
        for (var i = 0; i < n; i++)
        {
            xs[i] = Math.Exp(lnMin + i * h);
            var f = IntegralK53(xs[i]) * xs[i]; // integrand in d(ln x)
            cdf[i] = i == 0 ? 3 * f : cdf[i - 1] + 0.5 * h * (prev + f);
            prev = f;
        }
        var total = cdf[n - 1];
        var q = new double[TableSize + 1];
        var j = 0;
        for (var k = 0; k <= TableSize; k++)
        {
            var target = (double)k / TableSize * total;
            double x;
            if (target <= cdf[0]) x = xMin * Math.Pow(target / cdf[0], 3);
            else
            {
                while (j < n - 2 && cdf[j + 1] < target) j++;
                var f = (target - cdf[j]) / (cdf[j + 1] - cdf[j]);
                x = Math.Exp(Math.Log(xs[j]) + f * h);
            }
            q[k] = Math.Cbrt(x);
        }
        return q;
    }
}
