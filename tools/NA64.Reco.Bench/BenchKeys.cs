namespace NA64.Reco.Bench;

/// <summary>The keys of <c>na64-bench --json</c> (figures or not_measured): every run emits each of them in one or the other.</summary>
public static class BenchKeys
{
    public const string Cores = "cores";
    public const string Events = "events";
    public const string FileBytesPerEvent = "kernel.file_bytes_per_event";
    public const string Generate = "kernel.generate";
    public const string Decode = "kernel.decode";
    public const string DecodeReco1 = "kernel.decode_reco_select.1core";
    public const string DecodeRecoAll = "kernel.decode_reco_select.all_cores";
    public const string GenReco1 = "kernel.generate_reco_select.1core";
    public const string GenRecoAll = "kernel.generate_reco_select.all_cores";
    /// <summary>The same on one core for <see cref="KernelBench.ForcedKaon"/>: every event a K⁻ decay to an electron, weighted.</summary>
    public const string GenRecoForcedKaon1 = "kernel.generate_reco_select.kaon_forced.1core";
    public const string KernelParallelEfficiency = "kernel.parallel_efficiency";
    /// <summary>
    /// The muon programme's event simulation on one core (<see cref="KernelBench.MuonSetup"/>): events with a forced
    /// 100 MeV Z' emission, and beam muons, each through the beam's spread, MS1, the calorimeters, MS2 and the cuts.
    /// </summary>
    public const string MuonZPrime1 = "kernel.muon_events.zprime_100mev.1core";
    public const string MuonBeam1 = "kernel.muon_events.beam.1core";
    /// <summary>
    /// The visible programme's event simulation on one core (<see cref="KernelBench.VisibleSetup"/>), as an X sample's
    /// chunk runs it: a forced 16.7 MeV X emission in the WCAL per event, its decay's readings and the cuts.
    /// </summary>
    public const string VisibleX1 = "kernel.visible_events.x_16.7mev.1core";
    /// <summary>
    /// The visible programme's K⁰_S → π⁰π⁰ background on one core (<see cref="KernelBench.VisibleSetup"/>), as the analysis
    /// simulates it: a forced photo-nuclear reaction in the WCAL, its final state, the K⁰_S chain's weight, the readings and the cuts.
    /// </summary>
    public const string VisibleKaonShort1 = "kernel.visible_background.k0s_pi0pi0.1core";
    public const string Pipeline1 = "pipeline.1core";
    public const string PipelineAll = "pipeline.all_cores";
    /// <summary>The persistence pair (one process, one core, campaigns alternating): journal in memory, and in SQLite.</summary>
    public const string Pipeline1NoPersistence = "pipeline.1core.no_persistence";
    /// <summary>As <see cref="Pipeline1"/>, for the beam sample with its rare processes forced (bias 10⁷): every event weighted.</summary>
    public const string Pipeline1BiasedBeam = "pipeline.1core.biased_beam";
    /// <summary>As <see cref="Pipeline1"/>, for the K⁻ sample of <see cref="GenRecoForcedKaon1"/>: decays to an electron forced.</summary>
    public const string Pipeline1ForcedKaon = "pipeline.1core.kaon_forced";
    /// <summary>As <see cref="Pipeline1"/>, for an electron sample with its photo-nuclear reaction in the ECAL forced (bias 10⁴).</summary>
    public const string Pipeline1ForcedPhotoNuclear = "pipeline.1core.photo_nuclear_forced";
    /// <summary>As <see cref="Pipeline1"/>, for a muon campaign of the built-in <c>na64mu-2022</c>: Z' events at 100 MeV through its selection.</summary>
    public const string Pipeline1ZPrime = "pipeline.1core.muon_zprime_100mev";
    public const string Pipeline1Paired = "pipeline.1core.paired_sqlite";
    /// <summary>
    /// The persistence pair again, in another process, with the in-memory node started first: in one process the node
    /// started first ran 1–3% slower than the second even when both were alike, so the overhead is taken
    /// over both orders.
    /// </summary>
    public const string Pipeline1NoPersistenceSwapped = "pipeline.1core.swapped.no_persistence";
    public const string Pipeline1PairedSwapped = "pipeline.1core.swapped.paired_sqlite";
    public const string TwoNodes = "two_nodes.1core_each";
    public const string RatioPipeline1 = "ratio.pipeline_1core_over_bare";
    public const string RatioPipelineAll = "ratio.pipeline_all_cores_over_bare_x_cores";
    /// <summary>
    /// The same two ratios against the bare kernel measured in the pipeline's own process just before and after its
    /// campaigns (<see cref="KernelAround"/>), not minutes earlier in the bench process.
    /// </summary>
    public const string RatioPipeline1OverKernelAround = "ratio.pipeline_1core_over_kernel_around";
    public const string RatioPipelineAllOverKernelAround = "ratio.pipeline_all_cores_over_kernel_around_x_cores";
    /// <summary>
    /// All-cores pipeline / the bare MC kernel run on all cores: the pipeline's own overhead, without what the machine
    /// loses when every core is busy (<see cref="KernelParallelEfficiency"/>), which the target's bare × cores counts.
    /// </summary>
    public const string RatioPipelineAllOverKernelAll = "ratio.pipeline_all_cores_over_kernel_all_cores";
    public const string RatioTwoNodes = "ratio.two_nodes_over_one_node";
    /// <summary>The overhead over both orders of the pair (<see cref="BenchRatios.OverBothOrders"/>); target ≤ 0.02.</summary>
    public const string PersistenceOverhead = "ratio.persistence_overhead";
    /// <summary>The overhead within each pair: SQLite node started first, in-memory node started first.</summary>
    public const string PersistenceOverheadSqliteFirst = "ratio.persistence_overhead.sqlite_first";
    public const string PersistenceOverheadMemoryFirst = "ratio.persistence_overhead.memory_first";
    /// <summary>The same ratios from CPU time (events per CPU-second): what a loaded machine can still tell.</summary>
    public const string RatioPipeline1Cpu = "ratio.cpu.pipeline_1core_over_bare";
    public const string PersistenceOverheadCpu = "ratio.cpu.persistence_overhead";
    public const string ProjectionRate = "projection.rate_per_core_events_per_s";
    public const string ProjectionCoreHours = "projection.core_hours";
    public const string ProjectionScaling = "projection.scaling_efficiency";

    public const string EventsPerS = ".events_per_s";
    /// <summary>Events per CPU-second of the process (all threads): the figure to compare when the machine is loaded.</summary>
    public const string EventsPerCpuS = ".events_per_cpu_s";
    public const string BytesPerEvent = ".bytes_allocated_per_event";
    public const string PeakRssMb = ".peak_rss_mb";
    /// <summary>After <see cref="Pipeline1"/> or <see cref="PipelineAll"/>: the bare one-core MC kernel measured in that part's process.</summary>
    public const string KernelAround = ".kernel_around";

    /// <summary>The nodes of the parts that measure the bare kernel around their campaigns (<see cref="PipelineBench.Part.KernelAround"/>).</summary>
    public static IEnumerable<string> KernelAroundNodes => PipelineBench.Parts.Where(p => p.KernelAround).Select(p => p.Nodes[0].Key);

    /// <summary>The key of the kernel rate measured around a part's campaigns.</summary>
    public static string KernelAroundOf(string node) => node + KernelAround + EventsPerS;

    /// <summary>Every node the pipeline parts and the two-node part measure.</summary>
    public static readonly string[] PipelineNodes =
        [Pipeline1, PipelineAll, Pipeline1Paired, Pipeline1NoPersistence, Pipeline1NoPersistenceSwapped, Pipeline1PairedSwapped, Pipeline1BiasedBeam, Pipeline1ForcedKaon, Pipeline1ForcedPhotoNuclear, Pipeline1ZPrime, TwoNodes];

    public static string ProjectionWallHours(int cores) => $"projection.wall_hours.{cores}cores";

    /// <summary>Every key a run reports (as a figure or as not measured).</summary>
    public static IEnumerable<string> All()
    {
        yield return Cores;
        yield return Events;
        yield return FileBytesPerEvent;
        foreach (var k in new[] { Generate, Decode, DecodeReco1, DecodeRecoAll, GenReco1, GenRecoAll, GenRecoForcedKaon1, MuonZPrime1, MuonBeam1, VisibleX1, VisibleKaonShort1 })
        {
            yield return k + EventsPerS;
            yield return k + EventsPerCpuS;
            yield return k + BytesPerEvent;
        }
        yield return KernelParallelEfficiency;
        foreach (var k in PipelineNodes)
        {
            yield return k + EventsPerS;
            yield return k + EventsPerCpuS;
            yield return k + BytesPerEvent;
            yield return k + PeakRssMb;
        }
        yield return RatioPipeline1;
        yield return RatioPipelineAll;
        yield return RatioPipelineAllOverKernelAll;
        yield return RatioPipeline1OverKernelAround;
        yield return RatioPipelineAllOverKernelAround;
        foreach (var k in KernelAroundNodes) yield return KernelAroundOf(k);
        yield return RatioTwoNodes;
        yield return PersistenceOverhead;
        yield return PersistenceOverheadSqliteFirst;
        yield return PersistenceOverheadMemoryFirst;
        yield return RatioPipeline1Cpu;
        yield return PersistenceOverheadCpu;
        yield return ProjectionRate;
        yield return ProjectionCoreHours;
        yield return ProjectionScaling;
        foreach (var c in CampaignProjection.DefaultCores) yield return ProjectionWallHours(c);
    }
}
