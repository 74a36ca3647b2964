namespace NA64.Reco.Physics.Summary;

/// <summary>
/// The SRD hadron misidentification of a simulated sample, factorised over modules (physics.md §3a): what a direct
/// count of tagged hadrons cannot measure at ~10⁻⁶ without ~10⁸ hadrons. Three classes of hadrons by MC truth:
/// (0) alone in time, (1) with another beam particle in time that does not radiate (a π⁻ or μ⁻: its knock-ons add to
/// each module independently), (2) with an in-time e⁻, whose SR lights every module at once
/// (<see cref="RawData.TruthFlags.InTimeSrPileUp"/>): the part common to all modules. In classes 0 and 1 the modules pass
/// independently, so P(all pass) = Π_m p_m, each p_m = n_m / N_c counted on all N_c hadrons of the class; class 2 is
/// counted directly, k₂ / N₂. misid = Σ_c (N_c / N) P_c. Uncertainty: for a factorised class (Π p)² Σ_m (1 − p_m)/n_m
/// (binomial, modules independent), for the counted one k₂(1 − k₂/N₂)/N₂², weighted and in quadrature. A class whose
/// estimate is 0 (a module, or the count, never passed) adds to the upper bound its value with that factor at its 90% CL
/// upper bound 1 − 0.1^{1/N_c}. <see cref="UpperBound90"/> is value + 1.2816 σ + those.
/// </summary>
public sealed record SrdMisidEstimate(double Value, double Uncertainty, double UpperBound90, long Hadrons, long HadronsInTimePileUp, long HadronsInTimeSrPileUp)
{
    /// <summary>Module slots counted in a summary: the largest SRD the conditions allow.</summary>
    public const int ModuleSlots = 8;

    private const double OneSided90 = 1.2815515655446004;

    /// <summary>The estimate of a summary's MC hadrons; null when it has none.</summary>
    public static SrdMisidEstimate? From(EventSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.TruthHadrons == 0) return null;
        var total = (double)s.TruthHadrons;
        double value = 0, variance = 0, bound = 0;
        for (var c = 0; c < 2; c++)
        {
            var n = c == 0 ? s.TruthHadrons - s.TruthHadronsInTimePileUp - s.TruthHadronsInTimeSrPileUp : s.TruthHadronsInTimePileUp;
            if (n <= 0) continue;
            double product = 1, upper = 1, relative2 = 0;
            var empty = false;
            for (var m = 0; m < ModuleSlots; m++)
            {
                var k = s.TruthHadronSrdModulePass[c * ModuleSlots + m];
                var p = (double)k / n;
                product *= p;
                if (k == 0)
                {
                    empty = true;
                    upper *= UpperBound(n);
                }
                else
                {
                    upper *= p;
                    relative2 += (1 - p) / k;
                }
            }
            var share = n / total;
            if (empty) bound += share * upper;
            else
            {
                value += share * product;
                variance += share * share * product * product * relative2;
            }
        }
        var n2 = s.TruthHadronsInTimeSrPileUp;
        if (n2 > 0)
        {
            var share = n2 / total;
            var k2 = s.TruthHadronsInTimeSrPileUpSrdTagged;
            if (k2 == 0) bound += share * UpperBound(n2);
            else
            {
                var p = (double)k2 / n2;
                value += share * p;
                variance += share * share * p * (1 - p) / n2;
            }
        }
        var sigma = Math.Sqrt(variance);
        return new SrdMisidEstimate(value, sigma, value + OneSided90 * sigma + bound, s.TruthHadrons, s.TruthHadronsInTimePileUp, s.TruthHadronsInTimeSrPileUp);
    }

    private static double UpperBound(long n) => 1 - Math.Pow(0.1, 1.0 / n);
}
