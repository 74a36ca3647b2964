namespace NA64.Reco.Physics.Summary;

/// <summary>
/// The resolution and identification checks of a (simulated) sample, computed from a merged summary.
/// A check whose MC-truth denominator is empty (real data) is null and omitted from reports.
/// </summary>
public sealed record PhysicsChecks(double? MomentumResolution, double? SrdElectronEfficiency, double? SrdHadronMisid, double? EnergyClosure)
{
    public static PhysicsChecks From(EventSummary s) => new(
        GaussianCoreWidth(s.MomentumResidual),
        Ratio(s.TruthElectronsSrdTagged, s.TruthElectrons),
        Ratio(s.TruthHadronsSrdTagged, s.TruthHadrons),
        Ratio(s.ClosureWithin3Sigma, s.ClosureEvents));

    public bool IsEmpty => MomentumResolution is null && SrdElectronEfficiency is null && SrdHadronMisid is null && EnergyClosure is null;

    private static double? Ratio(long k, long n) => n == 0 ? null : (double)k / n;

    /// <summary>
    /// σ of the Gaussian core of a histogram: mean and RMS iterated within ±2σ, then corrected for the
    /// truncation (the RMS of a unit Gaussian cut at ±2 is 0.8796). Robust against non-Gaussian tails,
    /// deterministic for given counts. Null with fewer than 20 entries in range.
    /// </summary>
    public static double? GaussianCoreWidth(Histogram1D h)
    {
        const double truncatedRmsOfUnitGaussian = 0.87962566;
        double mean = 0, sigma = double.PositiveInfinity;
        for (var iteration = 0; iteration < 20; iteration++)
        {
            double n = 0, sum = 0, sum2 = 0;
            var width = (h.Max - h.Min) / h.Bins;
            for (var b = 1; b <= h.Bins; b++)
            {
                var x = h.BinLow(b) + 0.5 * width;
                if (Math.Abs(x - mean) > 2 * sigma) continue;
                var c = h.Counts[b];
                n += c;
                sum += c * x;
                sum2 += c * x * x;
            }
            if (n < 20) return null;
            var m = sum / n;
            var rms = Math.Sqrt(Math.Max(sum2 / n - m * m, 0));
            var next = double.IsInfinity(sigma) ? rms : rms / truncatedRmsOfUnitGaussian;
            var converged = Math.Abs(next - sigma) < 1e-9 && Math.Abs(m - mean) < 1e-12;
            mean = m;
            sigma = next;
            if (converged) break;
        }
        return sigma;
    }
}
