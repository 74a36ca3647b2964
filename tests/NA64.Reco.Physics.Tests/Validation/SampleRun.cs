using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Validation;

/// <summary>Runs generation + reconstruction + selection of one simulated sample in memory.</summary>
internal static class SampleRun
{
    public static EventSummary Of(SampleKind kind, int events, ulong seed, double massMeV = 0)
    {
        var sample = new SampleDescriptor(kind, massMeV, kind == SampleKind.Signal ? 1e-4 : 0, seed);
        var processor = new ChunkProcessor(DetectorConditions.Default);
        return processor.Process(new SimulatedChunk(sample, 1, 0, 0, 0, events));
    }
}
