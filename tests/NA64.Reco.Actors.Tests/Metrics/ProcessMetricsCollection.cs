namespace NA64.Reco.Actors.Tests.Metrics;

/// <summary>
/// Tests that read the process-wide campaign gauges as a whole (a node's sum over its campaigns): they run alone, after
/// the parallel tests, so that no coordinator of another test reports into the sum they read.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "process-wide metrics";
}
