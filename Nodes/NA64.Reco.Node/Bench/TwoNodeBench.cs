using System.CommandLine;

namespace NA64.Reco.Node.Bench;

/// <summary>
/// Two worker nodes as separate processes on loopback, one core each (issue 7, item 3). It needs the cluster node
/// command (<c>na64 node</c>, issue 4): until this build has it, the figure is reported as not measured, never estimated.
/// </summary>
public static class TwoNodeBench
{
    public const string NodeVerb = "node";

    /// <summary>Why the two-node figure cannot be measured with this build, or null when it can.</summary>
    public static string? Unavailable(RootCommand cli)
    {
        foreach (var c in cli.Subcommands)
            if (c.Name == NodeVerb) return "the two-node driver is not written yet (na64 node exists; see docs/performance.md)";
        return "needs 'na64 node' (cluster node, issue 4), which this build does not have";
    }

    public static void Run(RootCommand cli, BenchReport report)
    {
        var reason = Unavailable(cli) ?? "not measured";
        foreach (var suffix in new[] { BenchKeys.EventsPerS, BenchKeys.EventsPerCpuS, BenchKeys.BytesPerEvent, BenchKeys.PeakRssMb })
            report.NotMeasured[BenchKeys.TwoNodes + suffix] = reason;
    }
}
