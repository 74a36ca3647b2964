using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// N_up and ε_90 for each m_A' (physics.md §9): N_A'(ε, m) = EOT · ε² · Y(m) · eff(m), so ε_90(m) = √(N_up / (EOT · Y · eff)).
/// The signal-scale uncertainty of each mass is the quadrature sum of the yield, efficiency and EOT relative uncertainties.
/// </summary>
public sealed class LimitTable
{
    private LimitTable(LimitInputs inputs, IReadOnlyList<LimitPoint> points)
    {
        Inputs = inputs;
        Points = points;
    }

    public LimitInputs Inputs { get; }

    /// <summary>One point per signal mass, in the order given.</summary>
    public IReadOnlyList<LimitPoint> Points { get; }

    /// <summary>ε_90 = √(N_up / (EOT · Y · eff)); +∞ where the experiment has no sensitivity (Y · eff = 0).</summary>
    public static double Epsilon90(double nUp, double eot, double yieldPerEot, double efficiency)
    {
        var expectedAtUnitEpsilon = eot * yieldPerEot * efficiency;
        return expectedAtUnitEpsilon > 0 ? Math.Sqrt(nUp / expectedAtUnitEpsilon) : double.PositiveInfinity;
    }

    /// <summary>Relative signal-scale uncertainty of one mass: yield (the point's own, else the inputs') ⊕ efficiency ⊕ EOT.</summary>
    public static double SignalRelativeUncertainty(SignalPoint signal, LimitInputs inputs)
    {
        var yield = YieldRelativeUncertainty(signal, inputs);
        var efficiency = signal.Efficiency > 0 ? signal.EfficiencyUncertainty / signal.Efficiency : 0;
        return Math.Sqrt(yield * yield + efficiency * efficiency + inputs.EotRelativeUncertainty * inputs.EotRelativeUncertainty);
    }

    private static double YieldRelativeUncertainty(SignalPoint signal, LimitInputs inputs) =>
        signal.YieldRelativeUncertainty ?? inputs.YieldRelativeUncertainty;

    /// <summary>The observed limits.</summary>
    public static LimitTable Build(IReadOnlyList<SignalPoint> signals, LimitInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(inputs.Background);
        if (!(inputs.Eot > 0)) throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Eot, "EOT must be > 0");
        // Masses with the same signal uncertainty share N_up: compute each distinct value once.
        var cache = new Dictionary<double, double>();
        var points = new LimitPoint[signals.Count];
        for (var i = 0; i < signals.Count; i++)
        {
            var s = signals[i];
            if (!(s.YieldPerEot >= 0) || !(s.Efficiency >= 0 && s.Efficiency <= 1) || !(s.EfficiencyUncertainty >= 0)
                || s.YieldRelativeUncertainty is { } y && !(y >= 0))
                throw new ArgumentOutOfRangeException(nameof(signals), s, "signal point needs Y >= 0, 0 <= eff <= 1 and uncertainties >= 0");
            var sigma = SignalRelativeUncertainty(s, inputs);
            if (!cache.TryGetValue(sigma, out var nUp))
            {
                nUp = PoissonLimits.UpperLimit(inputs.Method, inputs.Observed, inputs.Background, new SignalUncertainty(sigma, inputs.EffectiveSignalPrior), inputs.ConfidenceLevel);
                cache[sigma] = nUp;
            }
            points[i] = new LimitPoint(s.MassMeV, nUp, Epsilon90(nUp, inputs.Eot, s.YieldPerEot, s.Efficiency))
            {
                YieldRelativeUncertainty = YieldRelativeUncertainty(s, inputs),
                SignalRelativeUncertainty = sigma,
            };
        }
        return new LimitTable(inputs, points);
    }

    /// <summary>
    /// The projected (median expected) sensitivity for <paramref name="projectedEot"/>: the background scales with EOT
    /// (an estimate keeps its relative uncertainty, a bound b_up scales too), and the observed count is the median of
    /// Poisson(b), 0 while b &lt; ln 2; for a bound, 0 (the median count at its lower end b = 0).
    /// </summary>
    public static LimitTable Projected(IReadOnlyList<SignalPoint> signals, LimitInputs inputs, double projectedEot)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (!(projectedEot > 0)) throw new ArgumentOutOfRangeException(nameof(projectedEot), projectedEot, "projected EOT must be > 0");
        if (!(inputs.Eot > 0)) throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Eot, "EOT must be > 0");
        var background = inputs.Background.Scaled(projectedEot / inputs.Eot);
        var projected = inputs with
        {
            Observed = background.IsUpperBound ? 0 : Poisson.Median(background.Expected),
            Background = background,
            Eot = projectedEot,
        };
        return Build(signals, projected);
    }
}
