using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using NA64.Reco.Physics.Tests.Support;

namespace NA64.Reco.Physics.Tests.RawData;

public sealed class SpillReadBuffersTests
{
    [Fact]
    public void Files_opened_one_after_another_with_shared_buffers_read_back_equal()
    {
        // A long file, then a short one (the index left by the first is longer than the second's), then the long one again.
        using var longFile = SpillFiles.Write(40);
        using var shortFile = SpillFiles.Write(7);
        var buffers = new SpillReadBuffers();
        foreach (var (file, count) in new[] { (longFile, 40), (shortFile, 7), (longFile, 40) })
        {
            using var r = SpillFileReader.Open(file.Path, buffers);
            Assert.Equal(count, r.EventCount);
            var e = r.CreateEvent();
            for (var n = count - 1; n >= 0; n -= 2)
            {
                r.ReadEvent(n, e);
                RawEventAssert.Equal(SpillFiles.Event(n), e);
            }
            r.SeekToEvent(0);
            var read = 0;
            while (r.TryReadNext(e)) RawEventAssert.Equal(SpillFiles.Event(read++), e);
            Assert.Equal(count, read);
            Assert.Throws<ArgumentOutOfRangeException>(() => r.SeekToEvent(count + 1));
        }
    }

    [Fact]
    public void A_chunk_processor_allocates_per_chunk_the_same_whatever_the_file_size()
    {
        // Once its buffers hold the largest file, a chunk costs its summary, the file handle and the header: the same
        // for 7 events as for 400, so nothing is allocated per event or per indexed event.
        using var small = SpillFiles.Write(7);
        using var large = SpillFiles.Write(400);
        var processor = new ChunkProcessor(SpillFiles.Conditions);
        processor.Process(new RawFileChunk(large.Path, 0, 0, 0, 400));
        var summary = AllocationProbe.MinimumAllocatedBytes(() => _ = new EventSummary());
        var forSmall = AllocationProbe.MinimumAllocatedBytes(() => processor.Process(new RawFileChunk(small.Path, 0, 0, 0, 7)));
        var forLarge = AllocationProbe.MinimumAllocatedBytes(() => processor.Process(new RawFileChunk(large.Path, 0, 0, 0, 400)));
        Assert.Equal(forSmall, forLarge);
        Assert.InRange(forLarge - summary, 0, 8 * 1024);
    }
}
