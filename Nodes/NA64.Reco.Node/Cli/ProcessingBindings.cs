using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;
using NA64.Reco.Node.Export;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Node.Cli;

/// <summary>Binds the physics (ChunkProcessor, spill file headers) to the pipeline's interfaces.</summary>
internal static class ProcessingBindings
{
    /// <param name="conditions">The node's own conditions: those of a campaign whose spec names none.</param>
    public static void Register(IServiceCollection services, DetectorConditions conditions, ArrowExportOptions? export = null)
    {
        services.AddSingleton(conditions);
        services.AddSingleton<IChunkProcessor>(export is null
            ? new PooledProcessor<ChunkProcessor>(c => new ChunkProcessor(c), (p, work, ct) => p.Process(work, ct))
            : new PooledProcessor<ExportingChunkProcessor>(c => new ExportingChunkProcessor(c, export), (p, work, ct) => p.Process(work, ct)));
        services.AddSingleton<ISpillCatalog, SpillFileCatalog>();
    }

    /// <summary>Run, spill, EOT (beam scaler), event count and sample of a raw spill file, from its header and index.</summary>
    private sealed class SpillFileCatalog : ISpillCatalog
    {
        public SpillFacts Describe(string path)
        {
            using var reader = SpillFileReader.Open(path);
            var h = reader.Header;
            return new SpillFacts(h.Run, h.Spill, h.Eot, reader.EventCount) { Sample = h.Sample, HeaderDigest = reader.HeaderDigest };
        }

        public string? HeaderDigest(string path)
        {
            try
            {
                using var reader = SpillFileReader.OpenStreaming(path);
                return reader.HeaderDigest;
            }
            catch (RawFormatException)
            {
                return null;
            }
        }
    }
}
