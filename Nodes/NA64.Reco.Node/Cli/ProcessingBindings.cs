using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Results;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// Binds the physics to the pipeline's interfaces. INTEGRATION: bind <c>Physics.Processing.ChunkProcessor</c>
/// (IChunkProcessor), <c>SpillInfo.Read</c> (ISpillCatalog) and <c>PhysicsChecks</c> (ICampaignChecks) here
/// once they exist; until then every chunk fails with a clear reason and its spill is quarantined.
/// </summary>
/// <remarks>
/// IChunkProcessor is called from several threads at once (up to max-spills × max-chunks): if
/// ChunkProcessor keeps scratch buffers, give each call its own instance (or a ThreadLocal). A chunk's
/// Eot and Spills are overwritten by the spill actor. Reader exceptions with public <c>Offset</c> (long)
/// and <c>Path</c> (string) properties are reported with them in the quarantine list; or throw
/// <c>CorruptSpillException</c>.
/// </remarks>
internal static class ProcessingBindings
{
    public static void Register(IServiceCollection services, DetectorConditions conditions)
    {
        services.AddSingleton(conditions);
        services.AddSingleton<IChunkProcessor, UnboundChunkProcessor>();
        services.AddSingleton<ISpillCatalog, UnboundSpillCatalog>();
    }

    /// <summary>The checks written into summary.json (none until the physics checks are bound).</summary>
    public static ICampaignChecks? Checks => null;

    private sealed class UnboundChunkProcessor : IChunkProcessor
    {
        public SpillSummary Process(ChunkWork work, CancellationToken ct) =>
            throw new NotSupportedException("no chunk processor bound in this build (Nodes/NA64.Reco.Node/Cli/ProcessingBindings.cs)");
    }

    private sealed class UnboundSpillCatalog : ISpillCatalog
    {
        public SpillFacts Describe(string path) =>
            throw new NotSupportedException("no raw spill reader bound in this build (Nodes/NA64.Reco.Node/Cli/ProcessingBindings.cs)");
    }
}
