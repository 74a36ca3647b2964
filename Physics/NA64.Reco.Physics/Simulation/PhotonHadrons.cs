namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// The hadrons of one photon of energy ν absorbed by a nucleus, real (<see cref="ShowerPhotoNuclear"/>) or virtual
/// (<see cref="ElectroNuclear"/>): a model of this code (docs/physics.md §4b). n_ch charged hadrons, Poisson with the pp
/// mean ⟨n_ch⟩ = 0.88 + 0.44 ln s + 0.118 ln² s at s = W² = 2 m_p ν (the ISR fit of Thomé et al., Nucl. Phys. B129
/// (1977) 365, as recalled, not checked here; at least one), and Poisson(n_ch/2) neutral ones (isospin), at most
/// <see cref="MaxHadrons"/>; their energies share ν uniformly on the simplex; each has p_x, p_y Gaussian of σ = 0.335
/// GeV (Pythia 8's StringPT:sigma, ⟨p_T²⟩ = 2σ² for a primary hadron), less its share of the p_T to balance. A neutral
/// hadron is a K⁰_L with probability <see cref="LongLivedNeutralFraction"/>, else a π⁰.
/// <para>The K⁰_L fraction counts flavours as a string breaks them, u : d : s = 1 : 1 : s with s = 0.217 (Pythia 8's
/// StringFlav:probStoUD, Monash 2013 tune, as recalled; public tunes use 0.19–0.21): a neutral meson is uū, dd̄, ss̄, ds̄
/// or sd̄ with probabilities p_u², p_d², p_s², p_d·p_s, p_s·p_d (p_u = p_d = 1/(2 + s), p_s = s/(2 + s)), the last two a
/// K⁰ or K̄⁰, half of them K⁰_L; K⁰_S decay at once and count as π⁰. Baryons (leading neutrons) are not made.</para>
/// Scratch storage of one generator, reused by every event.
/// </summary>
internal sealed class PhotonHadrons
{
    public const int MaxHadrons = 16;
    public const double PtSigmaGeV = 0.335;
    public const double StrangeToLight = 0.217;
    private const double ProtonMassGeV = 0.93827208816;

    /// <summary>p_d·p_s / (p_u² + p_d² + p_s² + 2 p_d·p_s): of the neutral mesons, the share of K⁰_L.</summary>
    public static readonly double LongLivedNeutralFraction = NeutralKaonLongShare(StrangeToLight);

    public int Count;
    public readonly double[] EnergyGeV = new double[MaxHadrons];
    public readonly double[] SlopeX = new double[MaxHadrons];
    public readonly double[] SlopeY = new double[MaxHadrons];
    public readonly HadronKind[] Kind = new HadronKind[MaxHadrons];

    /// <summary>
    /// Draws the hadrons of a photon of <paramref name="nuGeV"/>, whose transverse momentum (GeV) the hadrons balance
    /// against <paramref name="balanceX"/>, <paramref name="balanceY"/>, shared equally; slopes are relative to the photon.
    /// </summary>
    public void Draw(ref EventRandom rng, double nuGeV, double balanceX, double balanceY)
    {
        var lnS = Math.Log(2 * ProtonMassGeV * nuGeV);
        var meanCharged = 0.88 + 0.44 * lnS + 0.118 * lnS * lnS;
        var charged = Math.Max(1, Poisson(ref rng, meanCharged));
        var neutral = Poisson(ref rng, charged / 2.0);
        var n = Math.Min(MaxHadrons, charged + neutral);
        charged = Math.Min(charged, n);
        Count = n;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            EnergyGeV[i] = -Math.Log(rng.NextDoubleNonZero());
            sum += EnergyGeV[i];
        }
        double ptx = -balanceX / n, pty = -balanceY / n;
        for (var i = 0; i < n; i++)
        {
            var e = EnergyGeV[i] * nuGeV / sum;
            EnergyGeV[i] = e;
            Kind[i] = i < charged ? HadronKind.Charged : rng.Chance(LongLivedNeutralFraction) ? HadronKind.LongLivedNeutral : HadronKind.NeutralPion;
            SlopeX[i] = (PtSigmaGeV * FastNormal.Sample(ref rng) + ptx) / e;
            SlopeY[i] = (PtSigmaGeV * FastNormal.Sample(ref rng) + pty) / e;
        }
    }

    internal static double NeutralKaonLongShare(double s)
    {
        double pu = 1 / (2 + s), ps = s / (2 + s);
        return pu * ps / (2 * pu * pu + ps * ps + 2 * pu * ps);
    }

    /// <summary>Knuth's product of uniforms: the means here are below 15.</summary>
    private static int Poisson(ref EventRandom rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = rng.NextDouble();
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }
        return k;
    }
}
