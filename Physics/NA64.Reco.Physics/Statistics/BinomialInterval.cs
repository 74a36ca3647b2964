namespace NA64.Reco.Physics.Statistics;

/// <summary>An efficiency (passed/total) with its confidence interval [Lower, Upper].</summary>
public readonly record struct BinomialInterval(double Estimate, double Lower, double Upper);
