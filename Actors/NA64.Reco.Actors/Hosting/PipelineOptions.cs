using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Database;
using NA64.Reco.Actors.Inputs;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Actors.Supervision;
using NA64.Reco.Actors.Tls;

namespace NA64.Reco.Actors.Hosting;

/// <summary>Where the journal lives, how the node joins, and how much work it takes at once.</summary>
public sealed class PipelineOptions
{
    /// <summary>The <c>--db</c> value: a SQLite file of the journal and snapshots (created, WAL mode), or a <c>postgres://</c> URL.</summary>
    public required string DatabasePath { get; init; }
    /// <summary>How long one journal or snapshot call may take before the persistence circuit breaker counts it failed.</summary>
    public TimeSpan JournalCallTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// How long an open circuit breaker (5 failed calls) refuses journal calls before it tries again. Short: the
    /// journal supervisors already space their restarts, and a breaker held open past an outage only delays the campaign.
    /// </summary>
    public TimeSpan JournalResetTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// The campaign manager and each coordinator stop when the journal fails; they are restarted (and recover from the
    /// journal) after a back-off, for at most <see cref="JournalPatience.Patience"/> of failures in a row: then the
    /// campaign fails (a coordinator) or the node exits with the reason (the manager).
    /// </summary>
    public JournalPatience Patience { get; init; } = JournalPatience.Default;
    public string ActorSystemName { get; init; } = "na64";
    /// <summary>Address to bind (CLUSTER_IP).</summary>
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>Address to advertise (CLUSTER_HOSTNAME); null: <see cref="Hostname"/>.</summary>
    public string? PublicHostname { get; init; }
    /// <summary>Cluster roles of this node: worker hosts the shards, coordinator the campaign manager singleton.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [PipelineHosting.WorkerRole, PipelineHosting.CoordinatorRole];
    /// <summary>Where to join: the seed addresses (akka.tcp://na64@host:port) then the contacts' (<see cref="Membership.ClusterContacts"/>); empty with joinSelf for an embedded node.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];
    /// <summary>How long a partition must be stable before the split-brain resolver downs the minority.</summary>
    public TimeSpan SplitBrainStableAfter { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>A member that joined nobody in this time stops (<see cref="PipelineHosting.DefaultJoinTimeout"/>).</summary>
    public TimeSpan JoinTimeout { get; init; } = PipelineHosting.DefaultJoinTimeout;
    /// <summary>0: any free port (an embedded single node joins itself).</summary>
    public int Port { get; init; }
    /// <summary>Remoting over mutual TLS with this cluster certificate; null: plain TCP (an embedded node on loopback).</summary>
    public ClusterTls? Tls { get; init; }
    /// <summary>Spills in flight at once (coordinator): with <see cref="MaxChunksInFlightPerSpill"/>, the bound on chunks in flight.</summary>
    public int MaxSpillsInFlight { get; init; } = 2;
    public int MaxChunksInFlightPerSpill { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>
    /// Reconstruction threads of a worker node (<see cref="Reconstruction.ChunkThreads"/>): chunks that run at once; the
    /// chunks in flight beyond them wait in the node's queue. One per core of the process's CPU affinity.
    /// </summary>
    public int ChunkThreads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public TimeSpan SpillTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>The least wait before an unanswered spill is sent again (<see cref="CoordinatorSettings.SpillOverdue"/>).</summary>
    public TimeSpan SpillOverdue { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Where the raw inputs of campaigns admitted on this node must lie (<c>--data-root</c>); null: anywhere (tests, benches).</summary>
    public DataRoots? DataRoots { get; init; }
    /// <summary>The largest campaign admitted on this node.</summary>
    public CampaignLimits Limits { get; init; } = CampaignLimits.Default;
    public int ShardCount { get; init; } = 64;

    /// <summary>The database <see cref="DatabasePath"/> names.</summary>
    public JournalDatabase Journal => JournalDatabase.Parse(DatabasePath);

    public int MaxChunksInFlight => MaxSpillsInFlight * MaxChunksInFlightPerSpill;

    /// <summary>Reads of a spill whose input cannot be read, in one run, and the first wait between them (doubling).</summary>
    public int ReadAttempts { get; init; } = 5;
    public TimeSpan ReadRetry { get; init; } = TimeSpan.FromSeconds(1);

    public CoordinatorSettings Coordinator => new(MaxSpillsInFlight, SpillTimeout, ShardCount) { ReadAttempts = ReadAttempts, ReadRetry = ReadRetry, SpillOverdue = SpillOverdue };
    public SpillSettings Spill => new(MaxChunksInFlightPerSpill);
}
