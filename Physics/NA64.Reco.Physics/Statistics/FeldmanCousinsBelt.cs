namespace NA64.Reco.Physics.Statistics;

/// <summary>Acceptance regions [n1, n2] of the Feldman–Cousins belt for one (n₀, b, σ_b, σ_s, CL); reuses its buffers.</summary>
internal sealed class FeldmanCousinsBelt
{
    private readonly double _cl;
    private readonly double[] _best;
    private readonly double[] _p;
    private readonly double[] _keys;
    private readonly int[] _order;

    public FeldmanCousinsBelt(int observed, double background, double backgroundUncertainty, SignalUncertainty signalRelativeUncertainty, double cl)
    {
        _cl = cl;
        Prior = NuisancePrior.Create(background, backgroundUncertainty, signalRelativeUncertainty);
        // The unified upper limit never exceeds the classical one at a ten times smaller 1 − CL without background,
        // so the scan can stop there; the counts axis must hold the whole probability of the largest mean scanned.
        MuMax = PoissonLimits.Classical(observed, 0, 0, signalRelativeUncertainty, 1 - (1 - cl) / 10) + 3;
        var meanMax = MuMax * Prior.MaxScale + Prior.MaxBackground;
        var nMax = (int)Math.Ceiling(meanMax + 8 * Math.Sqrt(meanMax) + 12);
        _best = new double[nMax + 1];
        _p = new double[nMax + 1];
        _keys = new double[nMax + 1];
        _order = new int[nMax + 1];
        if (Prior.IsTrivial)
        {
            // μ̂ = max(0, n − b): the best-fit mean is max(n, b).
            for (var n = 0; n <= nMax; n++) _best[n] = Poisson.Probability(n, Math.Max(n, background));
        }
        else
        {
            BestByGridAndParabola(nMax);
        }
    }

    /// <summary>
    /// With nuisances μ̂ maximises the averaged probability P̄(n | μ): found per n on a 0.25 grid in μ, then refined by
    /// a parabola through the logarithms of the three grid values around the maximum (ln P̄ is smooth and nearly
    /// quadratic there).
    /// </summary>
    private void BestByGridAndParabola(int nMax)
    {
        const double coarse = 0.25;
        var count = nMax + 1;
        var bestIndex = new int[count];
        var left = new double[count];
        var right = new double[count];
        var previous = new double[count];
        Array.Fill(bestIndex, -1);
        var rows = (int)Math.Ceiling((nMax + 5.0) / coarse);
        for (var i = 0; i <= rows; i++)
        {
            Prior.AverageProbabilities(i * coarse, _p);
            for (var n = 0; n < count; n++)
            {
                if (_p[n] > _best[n])
                {
                    _best[n] = _p[n];
                    bestIndex[n] = i;
                    left[n] = i == 0 ? double.NaN : previous[n];
                    right[n] = double.NaN;
                }
                else if (bestIndex[n] == i - 1) right[n] = _p[n];
            }
            Array.Copy(_p, previous, count);
        }
        for (var n = 0; n < count; n++)
        {
            if (!(left[n] > 0 && right[n] > 0 && _best[n] > 0)) continue;
            double ym = Math.Log(left[n]), y0 = Math.Log(_best[n]), yp = Math.Log(right[n]);
            var curvature = ym - 2 * y0 + yp;
            if (!(curvature < 0)) continue;
            var offset = 0.5 * (ym - yp) / curvature;
            _best[n] = Math.Exp(y0 - 0.25 * (ym - yp) * offset);
        }
    }

    public NuisancePrior Prior { get; }

    public double MuMax { get; }

    /// <summary>First and last count of the acceptance region at signal mean μ.</summary>
    public (int N1, int N2) Acceptance(double mu)
    {
        Prior.AverageProbabilities(mu, _p);
        for (var n = 0; n < _p.Length; n++)
        {
            _order[n] = n;
            _keys[n] = _best[n] > 0 ? -_p[n] / _best[n] : 0;
        }
        Array.Sort(_keys, _order);
        var sum = 0.0;
        int n1 = int.MaxValue, n2 = -1;
        foreach (var n in _order)
        {
            sum += _p[n];
            n1 = Math.Min(n1, n);
            n2 = Math.Max(n2, n);
            if (sum >= _cl) break;
        }
        return (n1, n2);
    }
}
