using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;

namespace NA64.Reco.Actors.Hosting;

/// <summary>Binds the physics to the pipeline's interfaces: the node's conditions, the chunk processor, the spill file headers.</summary>
public static class PhysicsBindings
{
    /// <param name="conditions">The node's own conditions: those of a campaign whose spec names none.</param>
    /// <param name="processor">The chunk processor; default: pooled <see cref="ChunkProcessor"/>s, one per chunk in flight.</param>
    public static void Register(IServiceCollection services, DetectorConditions conditions, IChunkProcessor? processor = null)
    {
        services.AddSingleton(conditions);
        services.AddSingleton(processor ?? Default());
        services.AddSingleton<ISpillCatalog, SpillFileCatalog>();
    }

    /// <summary>The physics of every node: a <see cref="ChunkProcessor"/> per chunk in flight, made for the campaign's setup.</summary>
    public static IChunkProcessor Default() => new PooledProcessor<ChunkProcessor>(c => new ChunkProcessor(c), (p, work, ct) => p.Process(work, ct));
}
