using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using NA64.Reco.Messages.Campaign;

namespace NA64.Reco.Actors.Metrics;

/// <summary>
/// The pipeline's instruments (System.Diagnostics.Metrics, meter <c>NA64.Reco</c>, hence the <c>na64_reco_</c>
/// prefix of their Prometheus names), exported in the Prometheus text format at <c>GET /metrics</c> of the health
/// endpoint (docs/operations.md "Metrics"). Counters count what this
/// process did (events and chunks it reconstructed, spills its coordinators journaled); the campaign gauges show each
/// campaign whose coordinator runs in this process (spills queued, in flight, done; the reference EOT; the workers it
/// can keep busy), so a campaign's backlog is read from the node that hosts its coordinator.
/// </summary>
public static class Na64Metrics
{
    public const string MeterName = "NA64.Reco";

    private static readonly Meter Meter = new(MeterName);
    private static readonly List<string> Instruments = [];

    private static readonly Counter<long> Events = Counter("events.processed", "events", "Events reconstructed by this process");
    private static readonly Counter<long> Chunks = Counter("chunks.processed", "chunks", "Chunks reconstructed by this process");
    private static readonly Histogram<double> ChunkSeconds = Histogram("chunk.duration", "s", "Reconstruction time of one chunk");
    private static readonly Counter<long> SpillsDone = Counter("spills.done", "spills", "Spills journaled as done by this process's coordinators");
    private static readonly Counter<long> SpillsQuarantined = Counter("spills.quarantined", "spills", "Spills quarantined by this process's coordinators");
    private static readonly Histogram<double> JournalSeconds = Histogram("journal.write.duration", "s", "From a spill's persist call to its journal confirmation");

    private static readonly ConcurrentDictionary<string, (CampaignProtocol.CampaignProgress Progress, int WorkersWanted, DateTime? EndedAt)> Campaigns = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<ActorSystem, byte> Systems = new();

    static Na64Metrics()
    {
        // prometheus-net's default registry starts its meter adapter only before its first collection (the first
        // scrape), and a counter's measurements made before a listener exists are lost: the adapter is started here,
        // before the first measurement, and the default one suppressed (process, runtime and event-counter metrics stay).
        Prometheus.Metrics.SuppressDefaultMetrics(new Prometheus.SuppressDefaultMetricOptions { SuppressMeters = true });
        // Its listener is registered process-wide and lives as long as the process; it is never disposed.
        _ = Prometheus.MeterAdapter.StartListening();
        // A counter's series appears at its first measurement: at zero from the start, so that a node that has not
        // quarantined anything yet exports 0 (a rate of 0 on the dashboard), not a series that does not exist.
        foreach (var counter in new[] { Events, Chunks, SpillsDone, SpillsQuarantined }) counter.Add(0);
        Gauge("campaign.spills.queued", () => Campaigns.Values.Select(c => new Measurement<long>(
            c.EndedAt is not null ? 0 : Math.Max(0, c.Progress.TotalSpills - c.Progress.Finished - c.Progress.SpillsInFlight), Tag(c.Progress))), "spills", "Spills not yet sent");
        Gauge("campaign.spills.in_flight", () => Campaigns.Values.Select(c => new Measurement<long>(c.EndedAt is not null ? 0 : c.Progress.SpillsInFlight, Tag(c.Progress))),
            "spills", "Spills sent, not yet journaled");
        Gauge("campaign.spills.finished", () => Campaigns.Values.Select(c => new Measurement<long>(c.Progress.Finished, Tag(c.Progress))), "spills", "Spills done or quarantined");
        Gauge("campaign.spills.total", () => Campaigns.Values.Select(c => new Measurement<long>(c.Progress.TotalSpills, Tag(c.Progress))), "spills", "Spills of the campaign");
        Gauge("campaign.eot", () => Campaigns.Values.Select(c => new Measurement<long>(c.Progress.Eot, Tag(c.Progress))), "eot", "The campaign's reference exposure so far");
        Gauge("campaign.workers.wanted", () => Campaigns.Values.Select(c => new Measurement<long>(c.EndedAt is not null ? 0 : c.WorkersWanted, Tag(c.Progress))), "workers",
            "Worker nodes the campaign can keep busy now (WorkerDemand)");
        // One series on every node, 0 when none of its coordinators runs: the autoscaler sums it over the pods, and a
        // query that finds no series at all means that nothing is scraped (an error for KEDA), not that nothing is wanted.
        Gauge("workers.wanted", () => [new Measurement<long>(Campaigns.Values.Sum(c => c.EndedAt is not null ? 0L : c.WorkersWanted))], "workers",
            "Worker nodes the campaigns coordinated here can keep busy now: what the worker autoscaler follows");
        Gauge("cluster.members", ClusterMembers, "members", "Members of the cluster this node sees, by status");
    }

    /// <summary>
    /// The Prometheus name of every instrument, as prometheus-net's meter adapter exports it: the meter's and the
    /// instrument's names in snake case (counters are exported as gauges of their running total, histograms with
    /// <c>_bucket</c>, <c>_sum</c> and <c>_count</c>). The dashboard under k8s/monitoring queries only these.
    /// </summary>
    public static IReadOnlyList<string> PrometheusNames => Instruments.Select(n => "na64_reco_" + n.Replace('.', '_')).ToArray();

    private static Counter<long> Counter(string name, string unit, string description)
    {
        Instruments.Add(name);
        return Meter.CreateCounter<long>(name, unit, description);
    }

    private static Histogram<double> Histogram(string name, string unit, string description)
    {
        Instruments.Add(name);
        return Meter.CreateHistogram<double>(name, unit, description);
    }

    private static void Gauge(string name, Func<IEnumerable<Measurement<long>>> observe, string unit, string description)
    {
        Instruments.Add(name);
        Meter.CreateObservableGauge(name, observe, unit, description);
    }

    /// <summary>One chunk reconstructed here.</summary>
    public static void ChunkProcessed(long events, TimeSpan elapsed)
    {
        Events.Add(events);
        Chunks.Add(1);
        ChunkSeconds.Record(elapsed.TotalSeconds);
    }

    public static void SpillJournaled(bool quarantined, TimeSpan sincePersist)
    {
        (quarantined ? SpillsQuarantined : SpillsDone).Add(1);
        JournalSeconds.Record(sincePersist.TotalSeconds);
    }

    /// <summary>
    /// How long an ended campaign's series stay, at zero, before they are dropped: longer than prometheus-net's meter
    /// adapter keeps exporting the last value of a series no longer observed (MetricsExpireAfter, 5 minutes), so that
    /// what it exports for the campaign after its end is zero wanted, never the demand of the last scrape before it.
    /// </summary>
    public static readonly TimeSpan EndedRetention = TimeSpan.FromMinutes(10);

    /// <summary>A coordinator's latest progress and its <see cref="WorkerDemand"/>; <see cref="Ended"/> when it stops.</summary>
    public static void Report(CampaignProtocol.CampaignProgress progress, int workersWanted)
    {
        Campaigns[progress.CampaignId] = (progress, workersWanted, null);
        DropEnded(DateTime.UtcNow);
    }

    /// <summary>
    /// The campaign's coordinator stopped here (the campaign ended, or moved to another node): this process reports
    /// nothing queued, in flight or wanted for it and its last totals, for <see cref="EndedRetention"/>.
    /// </summary>
    public static void Ended(string campaignId) => Ended(campaignId, DateTime.UtcNow);

    /// <summary><see cref="Ended(string)"/> at <paramref name="now"/> (an end already recorded keeps its time); ended campaigns older than the retention are dropped.</summary>
    public static void Ended(string campaignId, DateTime now)
    {
        if (Campaigns.TryGetValue(campaignId, out var c)) Campaigns[campaignId] = (c.Progress, 0, c.EndedAt ?? now);
        DropEnded(now);
    }

    private static void DropEnded(DateTime now)
    {
        foreach (var (id, c) in Campaigns)
            if (c.EndedAt is { } at && now - at > EndedRetention) Campaigns.TryRemove(id, out _);
    }

    /// <summary>Counts the members of <paramref name="system"/>'s cluster by status while it runs.</summary>
    public static void Observe(ActorSystem system)
    {
        Systems.TryAdd(system, 0);
        _ = system.WhenTerminated.ContinueWith(_ => Systems.TryRemove(system, out byte _), TaskScheduler.Default);
    }

    private static IEnumerable<Measurement<long>> ClusterMembers()
    {
        foreach (var system in Systems.Keys)
        {
            if (system.WhenTerminated.IsCompleted || !system.HasExtension<Cluster>()) continue;
            foreach (var group in Cluster.Get(system).State.Members.GroupBy(m => m.Status))
                yield return new Measurement<long>(group.LongCount(), new KeyValuePair<string, object?>("status", group.Key.ToString().ToLowerInvariant()));
        }
    }

    private static KeyValuePair<string, object?> Tag(CampaignProtocol.CampaignProgress p) => new("campaign", p.CampaignId);
}
