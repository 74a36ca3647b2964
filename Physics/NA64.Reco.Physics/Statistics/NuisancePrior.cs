namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// The Cousins–Highland hybrid treatment of nuisance parameters (NIM A 320, 331, 1992): Poisson probabilities are
/// averaged over a prior of the background b' ~ Gauss(b, σ_b) and of a signal scale k ~ Gauss(1, σ_s), each truncated
/// at zero and renormalised; or, for the signal scale, a log-normal of mean 1 and width σ_s (<see cref="SignalScalePrior"/>).
/// <para>
/// k and b' are independent and Poisson(k·s + b') is the sum of Poisson(k·s) and Poisson(b'), so the average over both
/// factorises exactly: P̄(n | s) = Σ_i ā_i(s) c̄_{n−i} with ā_i(s) = ⟨P(i | k·s)⟩_k and c̄_l = ⟨P(l | b')⟩_b'. Each factor
/// is a one-dimensional average, done by adaptive Gauss–Kronrod integration (<see cref="AdaptiveGaussKronrod"/>) of the
/// whole vector of counts at once, in z = (x − centre)/σ over [max(−centre/σ, −<see cref="Reach"/>), <see cref="Reach"/>]
/// split at the peak z = 0: the domain starts at the truncation point, so the kink of the truncated prior is an
/// interval end, never inside an interval. The normalisation is exact, Z = Φ(z_hi) − Φ(z_lo). c̄ does not depend on s
/// and is computed once. Deterministic; not thread-safe (it reuses its buffers).
/// </para>
/// </summary>
internal sealed class NuisancePrior
{
    /// <summary>Half-width of the integration domain in σ: the prior beyond it, Q(8) = 6.2 × 10⁻¹⁶, is dropped.</summary>
    public const double Reach = 8;

    /// <summary>Relative tolerance of every averaged probability P̄(n) with n ≤ n₀ behind a cumulative probability.</summary>
    public const double RelativeTolerance = 1e-10;

    /// <summary>
    /// L1 tolerance of each factor of the averaged probabilities that build the Feldman–Cousins belt (Σ_n P̄(n) = 1):
    /// the belt compares sums of them with the CL and ranks their ratios; its limits agree to 10⁻⁵ between tolerances
    /// of 10⁻⁷ and 10⁻⁹.
    /// </summary>
    public const double ProbabilityTolerance = 1e-8;

    /// <summary>Probabilities below this are not resolved relatively (they underflow in the products anyway).</summary>
    private const double AbsoluteFloor = 1e-300;

    private static readonly double s_invSqrt2Pi = 1 / Math.Sqrt(2 * Math.PI);
    private static readonly double[] s_initialBreaks = [-4, -2, 0, 2, 4, Reach];

    private readonly Axis _background;
    private readonly Axis _scale;
    private readonly AdaptiveGaussKronrod.Integrand _overBackground;
    private readonly AdaptiveGaussKronrod.Integrand _overScale;
    private readonly Distributions _cdf = new(perComponent: true);
    private readonly Distributions _belt = new(perComponent: false);
    // The arguments of the integral being evaluated (the integrands are cached delegates, not closures).
    private double _signal;
    private bool _windowed;

    private NuisancePrior(Axis background, Axis scale)
    {
        _background = background;
        _scale = scale;
        _overBackground = OverBackground;
        _overScale = OverScale;
    }

    /// <summary>True without uncertainties: the averages are the plain Poisson probabilities.</summary>
    public bool IsTrivial => _background.Sigma == 0 && _scale.Sigma == 0;

    /// <summary>b + 6σ_b: all but Q(6) = 10⁻⁹ of the background prior lies below (the extent the belt's count axis covers).</summary>
    public double MaxBackground => _background.Centre + 6 * _background.Sigma;

    /// <summary>The scale at z = 6: all but 10⁻⁹ of the signal-scale prior lies below.</summary>
    public double MaxScale => _scale.Sigma == 0 ? 1 : _scale.At(6);

    public static NuisancePrior Create(double background, double backgroundUncertainty, SignalUncertainty signalRelativeUncertainty) =>
        new(new Axis(background, backgroundUncertainty), signalRelativeUncertainty.Prior == SignalScalePrior.LogNormal
            ? Axis.LogNormal(signalRelativeUncertainty.Relative)
            : new Axis(1, signalRelativeUncertainty.Relative));

    /// <summary>⟨P(n' ≤ n | k·s + b')⟩ over the prior: Σ_{i + l ≤ n} ā_i c̄_l, every term to the relative tolerance.</summary>
    public double AverageCdf(int n, double signal)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "count must be >= 0");
        if (IsTrivial) return Poisson.Cdf(n, signal + _background.Centre);
        var d = _cdf;
        d.Resize(n + 1);
        var c = Background(d);
        var a = Signal(d, signal);
        // Σ_l c̄_l A_{n−l} with the cumulative A_m = Σ_{i ≤ m} ā_i.
        var cumulative = d.Scratch;
        var sum = 0.0;
        for (var m = 0; m <= n; m++)
        {
            sum += a[m];
            cumulative[m] = sum;
        }
        var cdf = 0.0;
        for (var l = 0; l <= n; l++) cdf += c[l] * cumulative[n - l];
        return cdf;
    }

    /// <summary>Fills p[n] = ⟨P(n | k·s + b')⟩ for n = 0 … p.Length − 1.</summary>
    public void AverageProbabilities(double signal, Span<double> p)
    {
        p.Clear();
        if (IsTrivial)
        {
            AddProbabilities(signal + _background.Centre, 1, p, 0, default, windowed: true);
            return;
        }
        var d = _belt;
        d.Resize(p.Length);
        var c = Background(d);
        var a = Signal(d, signal);
        int aLo = First(a), aHi = Last(a), cLo = First(c), cHi = Last(c);
        for (var i = aLo; i <= aHi; i++)
        {
            var ai = a[i];
            if (ai == 0) continue;
            var top = Math.Min(cHi, p.Length - 1 - i);
            for (var l = cLo; l <= top; l++) p[i + l] += ai * c[l];
        }
    }

    /// <summary>c̄_l = ⟨P(l | b')⟩ for the length of <paramref name="d"/>, computed once per length.</summary>
    private double[] Background(Distributions d)
    {
        if (d.BackgroundReady) return d.Background;
        _windowed = !d.PerComponent;
        if (_background.Sigma == 0) AddProbabilities(_background.Centre, 1, d.Background, 0, default, _windowed);
        else d.Integrator.Integrate(_overBackground, _background.Breaks, d.Background, Absolute(d), Relative(d));
        d.BackgroundReady = true;
        return d.Background;
    }

    /// <summary>ā_i(s) = ⟨P(i | k·s)⟩ for the length of <paramref name="d"/>.</summary>
    private double[] Signal(Distributions d, double signal)
    {
        var a = d.Signal;
        Array.Clear(a);
        _windowed = !d.PerComponent;
        if (_scale.Sigma == 0 || signal == 0)
        {
            AddProbabilities(signal, 1, a, 0, default, _windowed);
            return a;
        }
        _signal = signal;
        d.Integrator.Integrate(_overScale, _scale.Breaks, a, Absolute(d), Relative(d));
        return a;
    }

    private static double Absolute(Distributions d) => d.PerComponent ? AbsoluteFloor : ProbabilityTolerance;

    private static double Relative(Distributions d) => d.PerComponent ? RelativeTolerance : 0;

    private void OverBackground(double z, double wk, Span<double> k, double wd, Span<double> d)
    {
        var w = _background.Weight(z);
        AddProbabilities(_background.At(z), w * wk, k, w * wd, d, _windowed);
    }

    private void OverScale(double z, double wk, Span<double> k, double wd, Span<double> d)
    {
        var w = _scale.Weight(z);
        AddProbabilities(_scale.At(z) * _signal, w * wk, k, w * wd, d, _windowed);
    }

    /// <summary>
    /// Adds wa·P(n | mean) to a[n] and wb·P(n | mean) to b[n] (b may be empty), for every n of a or, windowed, for the
    /// counts within ±(6√mean + 6) of the mean: the probability outside is below 10⁻⁹, under the L1 tolerance of the
    /// windowed (belt) averages.
    /// </summary>
    private static void AddProbabilities(double mean, double wa, Span<double> a, double wb, Span<double> b, bool windowed)
    {
        int lo = 0, hi = a.Length - 1;
        if (windowed)
        {
            var width = 6 * Math.Sqrt(mean) + 6;
            lo = (int)Math.Max(0, Math.Floor(mean - width));
            hi = (int)Math.Min(hi, Math.Ceiling(mean + width));
            if (lo > hi) return;
        }
        // From the mode outwards by P(n + 1) = P(n)·μ/(n + 1) and P(n − 1) = P(n)·n/μ: one exponential per call, and
        // the terms only shrink, so an underflow to zero is an underflow of a negligible term.
        var start = (int)Math.Clamp(Math.Floor(mean), lo, hi);
        var peak = Poisson.Probability(start, mean);
        var both = !b.IsEmpty;
        var term = peak;
        for (var n = start; n <= hi && term > 0; n++)
        {
            if (n > start) term *= mean / n;
            a[n] += wa * term;
            if (both) b[n] += wb * term;
        }
        term = peak;
        for (var n = start - 1; n >= lo && term > 0; n--)
        {
            term *= (n + 1) / mean;
            a[n] += wa * term;
            if (both) b[n] += wb * term;
        }
    }

    private static int First(double[] v)
    {
        var i = 0;
        while (i < v.Length - 1 && v[i] == 0) i++;
        return i;
    }

    private static int Last(double[] v)
    {
        var i = v.Length - 1;
        while (i > 0 && v[i] == 0) i--;
        return i;
    }

    /// <summary>Buffers of one kind of average: the two count distributions, their integrator and a scratch vector.</summary>
    private sealed class Distributions(bool perComponent)
    {
        public bool PerComponent { get; } = perComponent;
        public double[] Background { get; private set; } = [];
        public double[] Signal { get; private set; } = [];
        public double[] Scratch { get; private set; } = [];
        public bool BackgroundReady { get; set; }
        public AdaptiveGaussKronrod Integrator { get; private set; } = null!;

        public void Resize(int length)
        {
            if (Background.Length == length) return;
            Background = new double[length];
            Signal = new double[length];
            Scratch = new double[length];
            BackgroundReady = false;
            Integrator = new AdaptiveGaussKronrod(length, PerComponent);
        }
    }

    /// <summary>
    /// One nuisance parameter, integrated in the standard normal variable z: Gauss(centre, σ) truncated at zero
    /// (x = centre + σz), or log-normal of mean 1 and standard deviation σ (x = exp(−s²/2 + s z), s² = ln(1 + σ²)).
    /// </summary>
    private sealed class Axis
    {
        private readonly double _norm;
        private readonly double _logScale;
        private readonly double _logShift;
        private readonly bool _logNormal;

        /// <summary>The log-normal signal scale of relative width <paramref name="sigma"/>: no truncation, the whole ±8 of z.</summary>
        public static Axis LogNormal(double sigma)
        {
            if (sigma == 0) return new Axis(1, 0);
            var s = Math.Sqrt(Math.Log(1 + sigma * sigma));
            return new Axis(sigma, s, -0.5 * s * s);
        }

        private Axis(double sigma, double logScale, double logShift)
        {
            Centre = 1;
            Sigma = sigma;
            _logNormal = true;
            _logScale = logScale;
            _logShift = logShift;
            Breaks = [-Reach, .. s_initialBreaks];
            _norm = s_invSqrt2Pi / (SpecialFunctions.NormalCdf(Reach) - SpecialFunctions.NormalCdf(-Reach));
        }

        public Axis(double centre, double sigma)
        {
            Centre = centre;
            Sigma = sigma;
            if (sigma == 0)
            {
                Breaks = [];
                return;
            }
            var lo = Math.Max(-Reach, -centre / sigma);
            // The Gaussian needs intervals of about 2σ for the 15-point rule: start there rather than let the
            // integrator discover it (the truncation point is the first end).
            var breaks = new List<double> { lo };
            foreach (var z in s_initialBreaks)
                if (z > lo) breaks.Add(z);
            Breaks = [.. breaks];
            // The exact mass of the domain: the truncated prior is renormalised to it.
            var mass = SpecialFunctions.NormalCdf(Reach) - SpecialFunctions.NormalCdf(lo);
            if (!(mass > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the truncated nuisance prior has no mass");
            _norm = s_invSqrt2Pi / mass;
        }

        public double Centre { get; }
        public double Sigma { get; }
        public double[] Breaks { get; }

        /// <summary>The parameter at z, never below the truncation point.</summary>
        public double At(double z) => _logNormal ? Math.Exp(_logShift + _logScale * z) : Math.Max(0, Centre + Sigma * z);

        /// <summary>The normalised prior density in z.</summary>
        public double Weight(double z) => _norm * Math.Exp(-0.5 * z * z);
    }
}
