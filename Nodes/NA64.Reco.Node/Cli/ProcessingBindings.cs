using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NA64.Reco.Actors.Processing;
using NA64.Reco.Actors.Results;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Node.Cli;

/// <summary>Binds the physics (ChunkProcessor, spill file headers, checks) to the pipeline's interfaces.</summary>
internal static class ProcessingBindings
{
    public static void Register(IServiceCollection services, DetectorConditions conditions, CampaignAnalysisOptions? analysis = null)
    {
        services.AddSingleton(conditions);
        services.AddSingleton<IChunkProcessor>(new PooledChunkProcessor(conditions));
        services.AddSingleton<ISpillCatalog, SpillFileCatalog>();
        services.AddSingleton<ICampaignResultsWriter>(new NodeResultsWriter(conditions, analysis ?? new CampaignAnalysisOptions()));
    }

    /// <summary>The <c>checks</c> of <c>na64 reco</c>, per sample.</summary>
    public static ICampaignChecks Checks { get; } = new RecoChecks();

    /// <summary>
    /// ChunkProcessor keeps scratch state (one event, generators) and is not thread-safe, while chunks of
    /// several spills run at once: each call borrows an instance; the pool never exceeds the chunks in flight.
    /// </summary>
    private sealed class PooledChunkProcessor(DetectorConditions conditions) : IChunkProcessor
    {
        private readonly ConcurrentBag<ChunkProcessor> _idle = [];

        public SpillSummary Process(ChunkWork work, CancellationToken ct)
        {
            if (!_idle.TryTake(out var processor)) processor = new ChunkProcessor(conditions);
            try
            {
                return processor.Process(work, ct);
            }
            finally
            {
                _idle.Add(processor);
            }
        }
    }

    /// <summary>Run, spill, EOT (beam scaler), event count and sample of a raw spill file, from its header and index.</summary>
    private sealed class SpillFileCatalog : ISpillCatalog
    {
        public SpillFacts Describe(string path)
        {
            using var reader = SpillFileReader.Open(path);
            var h = reader.Header;
            return new SpillFacts(h.Run, h.Spill, h.Eot, reader.EventCount) { SampleName = h.Sample.Name };
        }
    }

    private sealed class RecoChecks : ICampaignChecks
    {
        public IReadOnlyList<KeyValuePair<string, double>> Of(SpillSummary sample)
        {
            var c = PhysicsChecks.From(sample);
            var list = new List<KeyValuePair<string, double>>(4);
            if (c.MomentumResolution is { } r) list.Add(new("momentum_resolution", r));
            if (c.SrdElectronEfficiency is { } e) list.Add(new("srd_electron_efficiency", e));
            if (c.SrdHadronMisid is { } m) list.Add(new("srd_hadron_misid", m));
            if (c.EnergyClosure is { } x) list.Add(new("energy_closure", x));
            return list;
        }
    }
}
