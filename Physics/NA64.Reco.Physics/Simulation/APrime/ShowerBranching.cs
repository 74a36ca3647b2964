using System.Runtime.CompilerServices;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Bethe–Heitler branchings of the leading shower particle in the complete-screening limit (Tsai 1974, RMP 46 815;
/// PDG "Passage of particles through matter" eqs. 34.29 and 34.31), lengths in X₀.
/// </summary>
internal static class ShowerBranching
{
    /// <summary>Photons softer than this fraction of the electron energy are a continuous loss, not steps.</summary>
    public const double SoftCut = 1e-2;

    /// <summary>
    /// Number of bremsstrahlung photons with v = k/E in [SoftCut, 1) per X₀: ∫ (4/3 − 4/3 v + v²)/v dv.
    /// </summary>
    public static readonly double HardRatePerX0 =
        4.0 / 3.0 * -Math.Log(SoftCut) - 4.0 / 3.0 * (1 - SoftCut) + 0.5 * (1 - SoftCut * SoftCut);

    /// <summary>Fractional energy lost per X₀ to photons below SoftCut: ∫₀^cut (4/3 − 4/3 v + v²) dv.</summary>
    public static readonly double SoftLossPerX0 =
        4.0 / 3.0 * SoftCut - 2.0 / 3.0 * SoftCut * SoftCut + SoftCut * SoftCut * SoftCut / 3.0;

    /// <summary>Photon mean free path for pair production: 9/7 X₀.</summary>
    public const double PhotonMeanFreePathX0 = 9.0 / 7.0;

    /// <summary>
    /// Photon energy fraction v in [SoftCut, 1) from dN/dv ∝ (4/3 − 4/3 v + v²)/v: 1/v proposal, acceptance
    /// 1 − v + 3v²/4 (≥ 2/3, so about 1.2 draws per photon).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SampleBremsFraction(ref EventRandom rng)
    {
        while (true)
        {
            var v = Math.Exp(Math.Log(SoftCut) * rng.NextDouble());
            if (rng.NextDouble() < 1 - v + 0.75 * v * v) return v;
        }
    }

    /// <summary>Electron share u of a pair: dσ/du ∝ 1 − (4/3) u (1 − u) on [uMin, 1 − uMin] (rejection, acceptance ≥ 2/3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SamplePairShare(ref EventRandom rng, double uMin)
    {
        while (true)
        {
            var u = uMin + (1 - 2 * uMin) * rng.NextDouble();
            if (rng.NextDouble() < 1 - 4.0 / 3.0 * u * (1 - u)) return u;
        }
    }
}
