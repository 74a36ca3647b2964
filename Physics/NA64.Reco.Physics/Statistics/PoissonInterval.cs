namespace NA64.Reco.Physics.Statistics;

/// <summary>A confidence interval [Lower, Upper] on a Poisson signal mean.</summary>
public readonly record struct PoissonInterval(double Lower, double Upper);
