using NA64.Reco.Actors.Campaign;
using NA64.Reco.Actors.Spill;

namespace NA64.Reco.Actors.Hosting;

/// <summary>Where the journal lives, how the node joins, and how much work it takes at once.</summary>
public sealed class PipelineOptions
{
    /// <summary>SQLite file of the journal and snapshots (created, WAL mode).</summary>
    public required string DatabasePath { get; init; }
    public string ActorSystemName { get; init; } = "na64";
    public string Hostname { get; init; } = "127.0.0.1";
    /// <summary>0: any free port (an embedded single node joins itself).</summary>
    public int Port { get; init; }
    /// <summary>Spills in flight at once (coordinator): with <see cref="MaxChunksInFlightPerSpill"/>, the bound on chunks in flight.</summary>
    public int MaxSpillsInFlight { get; init; } = 2;
    public int MaxChunksInFlightPerSpill { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public TimeSpan SpillTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan ChunkTimeout { get; init; } = TimeSpan.FromMinutes(5);
    public int ShardCount { get; init; } = 64;

    public int MaxChunksInFlight => MaxSpillsInFlight * MaxChunksInFlightPerSpill;

    public CoordinatorSettings Coordinator => new(MaxSpillsInFlight, SpillTimeout);
    public SpillSettings Spill => new(MaxChunksInFlightPerSpill, ChunkTimeout);
}
