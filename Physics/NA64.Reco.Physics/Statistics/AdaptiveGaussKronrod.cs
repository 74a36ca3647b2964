namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// Global adaptive Gauss–Kronrod quadrature: the 7-point Gauss rule embedded in the 15-point Kronrod rule, with the
/// strategy of QUADPACK's QAG (R. Piessens, E. de Doncker-Kapenga, C. W. Überhuber, D. K. Kahaner, <i>QUADPACK</i>,
/// Springer 1983): the interval with the largest error estimate is bisected until the summed estimate is at most
/// max(absolute tolerance, relative tolerance × |integral|). The error estimate of an interval is |K15 − G7|, the error
/// of the Gauss result, while the Kronrod result is kept: for smooth integrands that overstates the error by orders of
/// magnitude, so the tolerance is met with room to spare.
/// The integrand may be vector-valued (e.g. the Poisson probabilities of every count at once). Then either the
/// integral and the error are L1 norms over the components (a distribution whose sum is what matters), or, with
/// <c>perComponent</c>, every component must meet the relative tolerance on its own (a short vector of probabilities
/// spanning many decades, each of which enters a product). Deterministic; an instance reuses its buffers and is not
/// thread-safe.
/// </summary>
internal sealed class AdaptiveGaussKronrod
{
    /// <summary>
    /// Evaluates the integrand at <paramref name="x"/> and adds <paramref name="kronrodWeight"/>·f(x) to
    /// <paramref name="kronrod"/> and <paramref name="differenceWeight"/>·f(x) to <paramref name="difference"/>,
    /// component by component (one evaluation feeds both sums).
    /// </summary>
    public delegate void Integrand(double x, double kronrodWeight, Span<double> kronrod, double differenceWeight, Span<double> difference);

    /// <summary>A bound on the work: more intervals than this means the integrand is not what the caller assumed.</summary>
    public const int MaxIntervals = 2000;

    // Abscissae and weights of the 15-point Kronrod rule on [−1, 1] (positive half, centre last) and of the 7-point
    // Gauss rule at the odd abscissae and the centre, as tabulated in QUADPACK's qk15.
    private static readonly double[] s_xk =
    [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
        0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0,
    ];

    private static readonly double[] s_wk =
    [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
        0.140653259715525918745189590510238, 0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ];

    // Gauss weights of abscissae s_xk[1], s_xk[3], s_xk[5] and of the centre s_xk[7].
    private static readonly double[] s_wg =
    [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780, 0.381830050505118944950369775488975,
        0.417959183673469387755102040816327,
    ];

    private readonly int _dimension;
    private readonly bool _perComponent;
    private double[] _lo = new double[64];
    private double[] _hi = new double[64];
    private double[] _error = new double[64];
    private bool[] _settled = new bool[64];
    private double[] _values;
    private double[] _differences;
    private readonly double[] _total;

    /// <param name="dimension">Number of components of the integrand.</param>
    /// <param name="perComponent">
    /// Every component to the relative tolerance (plus the absolute one), instead of the L1 norm of the vector.
    /// </param>
    public AdaptiveGaussKronrod(int dimension, bool perComponent = false)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        _dimension = dimension;
        _perComponent = perComponent;
        _values = new double[64 * dimension];
        _differences = new double[64 * dimension];
        _total = new double[dimension];
    }

    /// <summary>Intervals used by the last integration (for tests and cost measurements).</summary>
    public int LastIntervals { get; private set; }

    /// <summary>
    /// ∫ f over [breaks[0], breaks[^1]], with the given points as initial interval ends (e.g. a peak or a kink);
    /// writes the integral to <paramref name="result"/> and returns the error estimate.
    /// </summary>
    public double Integrate(Integrand f, ReadOnlySpan<double> breaks, Span<double> result, double absoluteTolerance, double relativeTolerance)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (breaks.Length < 2) throw new ArgumentException("need at least one interval", nameof(breaks));
        if (result.Length != _dimension) throw new ArgumentException($"result needs {_dimension} components", nameof(result));
        if (_perComponent && !(relativeTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "per-component integration needs a relative tolerance > 0");
        var count = 0;
        Array.Clear(_total);
        for (var i = 0; i + 1 < breaks.Length; i++)
        {
            if (!(breaks[i + 1] > breaks[i])) continue;
            Ensure(count + 1);
            Evaluate(f, count, breaks[i], breaks[i + 1]);
            AddTo(_total, count, 1);
            count++;
        }
        // Per component, |error_j| <= relative·|I_j| + absolute, measured as a sum of error_j / (|I_j| + absolute/relative).
        var floor = _perComponent ? absoluteTolerance / relativeTolerance : 0;
        while (count > 0)
        {
            double totalError = 0, worstError = 0;
            var worst = -1;
            for (var i = 0; i < count; i++)
            {
                if (_settled[i]) continue;
                var e = _perComponent ? Relative(i, floor) : _error[i];
                totalError += e;
                if (e > worstError)
                {
                    worstError = e;
                    worst = i;
                }
            }
            var converged = _perComponent
                ? totalError <= relativeTolerance
                : totalError <= Math.Max(absoluteTolerance, relativeTolerance * Norm(_total));
            if (converged || worst < 0) break;
            double lo = _lo[worst], hi = _hi[worst], mid = 0.5 * (lo + hi);
            if (!(mid > lo && mid < hi))
            {
                // The interval cannot be split in double precision: what is left of its error is round-off.
                _settled[worst] = true;
                continue;
            }
            if (count >= MaxIntervals)
                throw new ArithmeticException($"adaptive integration did not reach the tolerance in {MaxIntervals} intervals (error measure {totalError:G3})");
            Ensure(count + 1);
            AddTo(_total, worst, -1);
            Evaluate(f, worst, lo, mid);
            AddTo(_total, worst, 1);
            Evaluate(f, count, mid, hi);
            AddTo(_total, count, 1);
            count++;
        }
        // The running total collects cancellations; the result is summed afresh, interval by interval.
        result.Clear();
        var error = 0.0;
        for (var i = 0; i < count; i++)
        {
            var values = _values.AsSpan(i * _dimension, _dimension);
            for (var j = 0; j < _dimension; j++) result[j] += values[j];
            error += _error[i];
        }
        LastIntervals = count;
        Array.Clear(_settled, 0, count);
        return error;
    }

    /// <summary>Scalar form of <see cref="Integrate(Integrand, ReadOnlySpan{double}, Span{double}, double, double)"/>.</summary>
    public double Integrate(Integrand f, ReadOnlySpan<double> breaks, double absoluteTolerance, double relativeTolerance)
    {
        if (_dimension != 1) throw new InvalidOperationException("the scalar form needs a one-component integrator");
        Span<double> result = stackalloc double[1];
        Integrate(f, breaks, result, absoluteTolerance, relativeTolerance);
        return result[0];
    }

    /// <summary>Σ_j |K15 − G7|_j / (|I_j| + floor) of one interval, with the running totals as I.</summary>
    private double Relative(int slot, double floor)
    {
        var differences = _differences.AsSpan(slot * _dimension, _dimension);
        var sum = 0.0;
        for (var j = 0; j < _dimension; j++)
            if (differences[j] != 0) sum += Math.Abs(differences[j]) / (Math.Abs(_total[j]) + floor);
        return sum;
    }

    /// <summary>K15 of f over [lo, hi] into slot <paramref name="slot"/>, with K15 − G7 and h·Σ|K15 − G7|.</summary>
    private void Evaluate(Integrand f, int slot, double lo, double hi)
    {
        var values = _values.AsSpan(slot * _dimension, _dimension);
        var difference = _differences.AsSpan(slot * _dimension, _dimension);
        values.Clear();
        difference.Clear();
        var centre = 0.5 * (lo + hi);
        var half = 0.5 * (hi - lo);
        for (var j = 0; j < 7; j++)
        {
            // Odd j are Gauss abscissae too: their difference weight is w_K − w_G.
            var wd = (j & 1) == 1 ? s_wk[j] - s_wg[j >> 1] : s_wk[j];
            var dx = half * s_xk[j];
            f(centre - dx, s_wk[j], values, wd, difference);
            f(centre + dx, s_wk[j], values, wd, difference);
        }
        f(centre, s_wk[7], values, s_wk[7] - s_wg[3], difference);
        var error = 0.0;
        for (var j = 0; j < _dimension; j++)
        {
            values[j] *= half;
            difference[j] *= half;
            error += Math.Abs(difference[j]);
        }
        _lo[slot] = lo;
        _hi[slot] = hi;
        _error[slot] = error;
        _settled[slot] = false;
    }

    private void AddTo(double[] total, int slot, double sign)
    {
        var values = _values.AsSpan(slot * _dimension, _dimension);
        for (var j = 0; j < _dimension; j++) total[j] += sign * values[j];
    }

    private static double Norm(double[] v)
    {
        var sum = 0.0;
        foreach (var x in v) sum += Math.Abs(x);
        return sum;
    }

    private void Ensure(int intervals)
    {
        if (intervals <= _lo.Length) return;
        var size = Math.Max(intervals, 2 * _lo.Length);
        Array.Resize(ref _lo, size);
        Array.Resize(ref _hi, size);
        Array.Resize(ref _error, size);
        Array.Resize(ref _settled, size);
        Array.Resize(ref _values, size * _dimension);
        Array.Resize(ref _differences, size * _dimension);
    }
}
