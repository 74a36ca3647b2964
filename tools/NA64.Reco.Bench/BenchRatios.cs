namespace NA64.Reco.Bench;

/// <summary>The ratios of the performance targets, from measured rates (events/s); null when an input was not measured.</summary>
public static class BenchRatios
{
    /// <summary>Pipeline efficiency: pipeline rate / (bare rate per core × cores). Target ≥ 0.9.</summary>
    public static double? PipelineEfficiency(double? pipelineRate, double? bareRatePerCore, int cores) =>
        pipelineRate is { } p && bareRatePerCore is { } b && b > 0 && cores > 0 ? p / (b * cores) : null;

    /// <summary>Scaling of two one-core nodes: rate of two nodes / rate of one node. Target ≥ 1.8.</summary>
    public static double? TwoNodeScaling(double? twoNodesRate, double? oneNodeRate) =>
        twoNodesRate is { } t && oneNodeRate is { } o && o > 0 ? t / o : null;

    /// <summary>
    /// Persistence overhead: the time lost to the journal relative to the run without it,
    /// rate(off) / rate(on) − 1 (0.02 = 2% longer). Target ≤ 0.02.
    /// </summary>
    public static double? PersistenceOverhead(double? rateOn, double? rateOff) =>
        rateOn is { } on && rateOff is { } off && on > 0 ? off / on - 1 : null;

    /// <summary>
    /// One overhead from the two orders of the persistence pair: the geometric mean of the two time ratios,
    /// √((1 + a)(1 + b)) − 1, so that a bias of the node started first (+x in one order, about −x in the other) cancels.
    /// </summary>
    public static double? OverBothOrders(double? sqliteFirst, double? memoryFirst) =>
        sqliteFirst is { } a && memoryFirst is { } b ? Math.Sqrt((1 + a) * (1 + b)) - 1 : null;
}
