namespace NA64.Reco.Physics.Tests.Support;

/// <summary>Composite Simpson's rule on a fixed grid: a reference quadrature independent of the code's adaptive ones.</summary>
internal static class Simpson
{
    /// <summary>∫ f over [<paramref name="lo"/>, <paramref name="hi"/>] with an even number of <paramref name="intervals"/>.</summary>
    public static double Integrate(Func<double, double> f, double lo, double hi, int intervals)
    {
        if (intervals < 2 || intervals % 2 != 0) throw new ArgumentOutOfRangeException(nameof(intervals), intervals, "must be even and >= 2");
        var h = (hi - lo) / intervals;
        var sum = f(lo) + f(hi);
        for (var i = 1; i < intervals; i++) sum += f(lo + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
