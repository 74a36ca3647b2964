namespace NA64.Reco.Physics.Summary;

/// <summary>
/// The SRD hadron misidentification of a simulated sample, factorised over modules (physics.md §3a): what a direct
/// count of tagged hadrons cannot measure at ~10⁻⁶ without ~10⁸ hadrons. Within a class of events the modules pass
/// independently (each sees its own knock-on electrons), so P(all pass) = Π_m p_m, each p_m = n_m / N measured on all
/// N hadrons of the class; what is common to all modules — another beam particle in time, whose pulses every module
/// sees together — is the second class (<see cref="RawData.TruthFlags.InTimePileUp"/>), factorised apart and weighted by
/// its share: misid = Σ_c (N_c / N) Π_m p_{c,m}. Uncertainty: per class (Π p)² Σ_m (1 − p_m)/n_m (binomial, modules
/// independent), in quadrature. A class with a module that never passed contributes 0 to the value and, to the upper
/// bound, its product with that module at its 90% CL upper bound 1 − 0.1^{1/N_c}. <see cref="UpperBound90"/> is
/// value + 1.2816 σ + those contributions.
/// </summary>
public sealed record SrdMisidEstimate(double Value, double Uncertainty, double UpperBound90, long Hadrons, long HadronsInTimePileUp)
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
            var n = c == 0 ? s.TruthHadrons - s.TruthHadronsInTimePileUp : s.TruthHadronsInTimePileUp;
            if (n == 0) continue;
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
                    upper *= 1 - Math.Pow(0.1, 1.0 / n);
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
        var sigma = Math.Sqrt(variance);
        return new SrdMisidEstimate(value, sigma, value + OneSided90 * sigma + bound, s.TruthHadrons, s.TruthHadronsInTimePileUp);
    }
}
