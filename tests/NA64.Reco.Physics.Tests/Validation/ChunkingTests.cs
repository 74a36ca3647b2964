using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Tests.Validation;

/// <summary>Any split of a spill into chunks, merged in any order, gives bit-identical tables.</summary>
public sealed class ChunkingTests
{
    [Theory]
    [InlineData(SampleKind.Beam, 1.0)]
    [InlineData(SampleKind.Signal, 1.0)]
    [InlineData(SampleKind.Kaon, 1e12)]
    public void Any_chunking_and_merge_order_gives_the_same_fingerprint(SampleKind kind, double bias)
    {
        var sample = new SampleDescriptor(kind, kind == SampleKind.Signal ? 100 : 0, kind == SampleKind.Signal ? 1e-4 : 0, 5) { Bias = bias };
        var processor = new ChunkProcessor(DetectorConditions.Default);
        var whole = processor.Process(new SimulatedChunk(sample, 1, 3, 0, 0, 3000));

        int[] sizes = [1, 999, 17, 1200, 783];
        var parts = new List<EventSummary>();
        long first = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            parts.Add(new ChunkProcessor(DetectorConditions.Default).Process(new SimulatedChunk(sample, 1, 3, i, first, sizes[i])));
            first += sizes[i];
        }
        var forward = new EventSummary();
        foreach (var p in parts) forward.Merge(p);
        var backward = new EventSummary();
        for (var i = parts.Count - 1; i >= 0; i--) backward.Merge(parts[i]);

        Assert.Equal(3000, whole.Events);
        Assert.Equal(whole.Fingerprint(), forward.Fingerprint());
        Assert.Equal(whole.Fingerprint(), backward.Fingerprint());
    }

    [Fact]
    public void Different_seeds_give_different_tables()
    {
        var a = new ChunkProcessor(DetectorConditions.Default).Process(new SimulatedChunk(new SampleDescriptor(SampleKind.Beam, 0, 0, 1), 1, 0, 0, 0, 500));
        var b = new ChunkProcessor(DetectorConditions.Default).Process(new SimulatedChunk(new SampleDescriptor(SampleKind.Beam, 0, 0, 2), 1, 0, 0, 0, 500));
        Assert.NotEqual(a.Fingerprint(), b.Fingerprint());
    }
}
