using System.Globalization;

namespace NA64.Reco.Physics.Statistics;

/// <summary>
/// The background of a limit: either an estimate b ± σ_b, whose uncertainty is averaged over as a truncated Gaussian,
/// or an upper bound b_up with no estimate (e.g. zero events in the signal box of a sample), which enters as the
/// interval b ∈ [0, b_up]: the limit is computed across it and the conservative (largest) one is kept
/// (<see cref="PoissonLimits.UpperLimit(LimitMethod, int, BackgroundInput, double, double)"/>). A bound is not a Gaussian
/// width: treating the 68% bound of zero counts as σ_b around b = 0 assumes ⟨b⟩ ≈ 0.9 and strengthens the limit.
/// </summary>
public sealed record BackgroundInput
{
    private BackgroundInput(BackgroundKind kind, double expected, double uncertainty, double upper)
    {
        Kind = kind;
        Expected = expected;
        Uncertainty = uncertainty;
        Upper = upper;
    }

    public BackgroundKind Kind { get; }

    /// <summary>b of an estimate; 0, the lower end of [0, b_up], for a bound.</summary>
    public double Expected { get; }

    /// <summary>σ_b of an estimate; 0 for a bound (it has no Gaussian width).</summary>
    public double Uncertainty { get; }

    /// <summary>b_up of a bound; NaN for an estimate.</summary>
    public double Upper { get; }

    public bool IsUpperBound => Kind == BackgroundKind.UpperBound;

    /// <summary>No background: the estimate 0 ± 0.</summary>
    public static BackgroundInput None { get; } = new(BackgroundKind.Estimate, 0, 0, double.NaN);

    /// <summary>An estimate b ± σ_b (σ_b = 0: known exactly).</summary>
    public static BackgroundInput Estimate(double expected, double uncertainty = 0)
    {
        if (!(expected >= 0) || double.IsInfinity(expected)) throw new ArgumentOutOfRangeException(nameof(expected), expected, "background must be finite and >= 0");
        if (!(uncertainty >= 0) || double.IsInfinity(uncertainty))
            throw new ArgumentOutOfRangeException(nameof(uncertainty), uncertainty, "background uncertainty must be finite and >= 0");
        return new BackgroundInput(BackgroundKind.Estimate, expected, uncertainty, double.NaN);
    }

    /// <summary>Only an upper bound: b ∈ [0, <paramref name="upper"/>].</summary>
    public static BackgroundInput UpperBound(double upper)
    {
        if (!(upper >= 0) || double.IsInfinity(upper)) throw new ArgumentOutOfRangeException(nameof(upper), upper, "background upper bound must be finite and >= 0");
        return new BackgroundInput(BackgroundKind.UpperBound, 0, 0, upper);
    }

    /// <summary>The same background for <paramref name="factor"/> times the exposure: b, σ_b (same relative uncertainty) or b_up scale.</summary>
    public BackgroundInput Scaled(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "scale factor must be finite and > 0");
        return IsUpperBound ? UpperBound(Upper * factor) : Estimate(Expected * factor, Uncertainty * factor);
    }

    /// <summary>"estimate" or "upper-bound", as in the results.</summary>
    public string KindName => IsUpperBound ? "upper-bound" : "estimate";

    public override string ToString() => IsUpperBound
        ? string.Create(CultureInfo.InvariantCulture, $"b in [0, {Upper:G6}]")
        : string.Create(CultureInfo.InvariantCulture, $"b = {Expected:G6} ± {Uncertainty:G6}");
}
