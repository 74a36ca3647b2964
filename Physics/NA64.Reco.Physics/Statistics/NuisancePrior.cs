namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// The Cousins–Highland hybrid treatment of nuisance parameters (NIM A 320, 331, 1992): Poisson probabilities are
/// averaged over a prior of the background b' ~ Gauss(b, σ_b) and of a signal scale k ~ Gauss(1, σ_s), each truncated
/// at zero and renormalised. The average is a deterministic fixed-grid (trapezoid) quadrature, 41 nodes per parameter
/// over ±5σ: for a Gaussian weight and a smooth integrand the trapezoid error falls like exp(−2π²/h²) (h = 0.25 here),
/// so the grid is exact to double precision apart from the truncation and the 6×10⁻⁷ of the prior beyond 5σ.
/// The Feldman–Cousins belt, which needs one average per μ row, uses h = 0.5 (21 nodes per parameter).
/// </summary>
internal sealed class NuisancePrior
{
    private NuisancePrior(double[] backgrounds, double[] scales, double[] weights)
    {
        Backgrounds = backgrounds;
        Scales = scales;
        Weights = weights;
    }

    /// <summary>Background value of each node.</summary>
    public double[] Backgrounds { get; }
    /// <summary>Signal scale factor of each node.</summary>
    public double[] Scales { get; }
    /// <summary>Normalised weight of each node (Σ = 1).</summary>
    public double[] Weights { get; }

    public int Count => Weights.Length;

    public bool IsTrivial => Weights.Length == 1;

    /// <summary>Prior on a grid of step <paramref name="step"/> σ over ±5σ (0.25: 41 nodes; 0.5: 21 nodes).</summary>
    public static NuisancePrior Create(double background, double backgroundUncertainty, double signalRelativeUncertainty, double step = 0.25)
    {
        var (bValues, bWeights) = Axis(background, backgroundUncertainty, step);
        var (kValues, kWeights) = Axis(1, signalRelativeUncertainty, step);
        var n = bValues.Count * kValues.Count;
        var backgrounds = new double[n];
        var scales = new double[n];
        var weights = new double[n];
        var sum = 0.0;
        var i = 0;
        for (var ib = 0; ib < bValues.Count; ib++)
            for (var ik = 0; ik < kValues.Count; ik++, i++)
            {
                backgrounds[i] = bValues[ib];
                scales[i] = kValues[ik];
                weights[i] = bWeights[ib] * kWeights[ik];
                sum += weights[i];
            }
        for (i = 0; i < n; i++) weights[i] /= sum;
        return new NuisancePrior(backgrounds, scales, weights);
    }

    private static (List<double> Values, List<double> Weights) Axis(double centre, double sigma, double step)
    {
        if (sigma == 0) return ([centre], [1.0]);
        var half = (int)Math.Round(5 / step);
        var values = new List<double>(2 * half + 1);
        var weights = new List<double>(2 * half + 1);
        for (var j = -half; j <= half; j++)
        {
            var z = j * step;
            var v = centre + sigma * z;
            // Truncation at zero: a negative background or signal scale is unphysical.
            if (v < 0) continue;
            values.Add(v);
            weights.Add(Math.Exp(-0.5 * z * z));
        }
        if (values.Count == 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the nuisance prior has no physical node");
        return (values, weights);
    }

    /// <summary>⟨P(n' ≤ n | k·s + b')⟩ over the prior.</summary>
    public double AverageCdf(int n, double signal)
    {
        var sum = 0.0;
        for (var i = 0; i < Weights.Length; i++) sum += Weights[i] * Poisson.Cdf(n, Scales[i] * signal + Backgrounds[i]);
        return sum;
    }

    /// <summary>Fills p[n] = ⟨P(n | k·s + b')⟩ for n = 0 … p.Length − 1.</summary>
    public void AverageProbabilities(double signal, Span<double> p)
    {
        p.Clear();
        for (var i = 0; i < Weights.Length; i++)
        {
            var mean = Scales[i] * signal + Backgrounds[i];
            var w = Weights[i];
            // Only counts within ±8σ + 10 of the node's mean carry probability above ~1e-15 of the peak.
            var width = 8 * Math.Sqrt(mean) + 10;
            var lo = (int)Math.Max(0, Math.Floor(mean - width));
            var hi = (int)Math.Min(p.Length - 1, Math.Ceiling(mean + width));
            if (lo > hi) continue;
            // Recursion P(n) = P(n−1)·μ/n from the window start: one exponential per node instead of one per count.
            var term = Poisson.Probability(lo, mean);
            p[lo] += w * term;
            for (var n = lo + 1; n <= hi; n++)
            {
                term *= mean / n;
                p[n] += w * term;
            }
        }
    }
}
