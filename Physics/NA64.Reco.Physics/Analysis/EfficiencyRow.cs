namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// One cut of a signal efficiency table: events and Σw passing every cut up to this one, the cumulative weighted
/// efficiency with its 1σ weighted Clopper–Pearson interval, and the efficiency of this cut alone (relative to the previous row).
/// </summary>
public sealed record EfficiencyRow(string Cut, long Events, double SumWeights, double Efficiency, double Lower, double Upper, double StepEfficiency);
