using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Tests.RawData;

public sealed class SpillFileRoundTripTests
{
    private const int Events = 40;

    [Fact]
    public void Header_scalers_and_layout_read_back()
    {
        using var file = SpillFiles.Write(Events);
        using var r = SpillFileReader.Open(file.Path);
        Assert.Equal(SpillFiles.Header(), r.Header);
        Assert.Equal(new long[] { 123_456_789_012, 40 }, r.Scalers);
        Assert.Equal(SpillFileLayout.From(SpillFiles.Conditions), r.Layout);
        Assert.Equal(SpillFileLayout.Standard(3, 36, 4, 9, 3, 8, 64), r.Layout);
        Assert.Equal(2, r.FormatVersion);
        Assert.True(r.HasIndex);
        Assert.Equal(Events, r.EventCount);
    }

    [Fact]
    public void Events_read_back_equal_through_the_index_in_any_order()
    {
        using var file = SpillFiles.Write(Events);
        using var r = SpillFileReader.Open(file.Path);
        var e = r.CreateEvent();
        for (var n = Events - 1; n >= 0; n -= 3)
        {
            r.ReadEvent(n, e);
            RawEventAssert.Equal(SpillFiles.Event(n), e);
        }
        r.ReadEvent(1, e);
        Assert.Equal(RawEvent.MaxMicromegasHits, e.MicromegasHitCount);
        Assert.Equal(int.MinValue, SpillFiles.Event(2).EcalMainKeV[35]);
        r.ReadEvent(2, e);
        RawEventAssert.Equal(SpillFiles.Event(2), e);
    }

    [Fact]
    public void Events_stream_back_equal_with_and_without_the_index()
    {
        using var file = SpillFiles.Write(Events);
        foreach (var r in new[] { SpillFileReader.Open(file.Path), SpillFileReader.OpenStreaming(file.Path) })
        {
            using (r)
            {
                var e = r.CreateEvent();
                var n = 0;
                while (r.TryReadNext(e)) RawEventAssert.Equal(SpillFiles.Event(n++), e);
                Assert.Equal(Events, n);
                Assert.False(r.TryReadNext(e));
            }
        }
    }

    [Fact]
    public void Streaming_continues_after_a_seek()
    {
        using var file = SpillFiles.Write(Events);
        using var r = SpillFileReader.Open(file.Path);
        var e = r.CreateEvent();
        r.ReadEvent(30, e);
        Assert.True(r.TryReadNext(e));
        RawEventAssert.Equal(SpillFiles.Event(31), e);
        r.SeekToEvent(Events - 1);
        Assert.True(r.TryReadNext(e));
        RawEventAssert.Equal(SpillFiles.Event(Events - 1), e);
        Assert.False(r.TryReadNext(e));
        r.SeekToEvent(0);
        Assert.True(r.TryReadNext(e));
        RawEventAssert.Equal(SpillFiles.Event(0), e);
    }

    [Fact]
    public void A_non_seekable_stream_can_be_written_and_streamed()
    {
        using var bytes = new MemoryStream();
        using (var w = new SpillFileWriter(new ForwardOnlyStream(bytes), SpillFiles.Header(), SpillFiles.Conditions))
        {
            for (var n = 0; n < 5; n++) w.Write(SpillFiles.Event(n));
        }
        using var file = new TempFile();
        file.Set(bytes.ToArray());
        using (var check = SpillFileReader.Open(file.Path)) Assert.Equal(5, check.EventCount);

        bytes.Position = 0;
        using var r = new SpillFileReader(new ForwardOnlyStream(bytes), "memory", useIndex: false);
        var e = r.CreateEvent();
        for (var n = 0; n < 5; n++)
        {
            Assert.True(r.TryReadNext(e));
            RawEventAssert.Equal(SpillFiles.Event(n), e);
        }
        Assert.False(r.TryReadNext(e));
        Assert.Throws<InvalidOperationException>(() => r.EventCount);
        Assert.Throws<InvalidOperationException>(() => r.ReadEvent(0, e));
    }

    [Fact]
    public void Same_input_gives_byte_identical_files_and_another_seed_does_not()
    {
        using var a = SpillFiles.Write(Events);
        using var b = SpillFiles.Write(Events);
        using var c = SpillFiles.Write(Events, seed: 12346);
        Assert.Equal(a.Bytes, b.Bytes);
        Assert.NotEqual(a.Bytes, c.Bytes);
    }

    [Fact]
    public void A_spill_without_events_is_valid()
    {
        using var file = SpillFiles.Write(0);
        using var r = SpillFileReader.Open(file.Path);
        Assert.Equal(0, r.EventCount);
        Assert.False(r.TryReadNext(r.CreateEvent()));
        using var s = SpillFileReader.OpenStreaming(file.Path);
        Assert.False(s.TryReadNext(s.CreateEvent()));
    }

    [Fact]
    public void Events_of_another_layout_are_refused_by_writer_and_reader()
    {
        using var file = SpillFiles.Write(2);
        using var r = SpillFileReader.Open(file.Path);
        var wrong = SpillFileLayout.Standard(3, 25, 4, 9, 3, 8, 64).CreateEvent();
        Assert.Throws<ArgumentException>(() => r.ReadEvent(0, wrong));
        using var w = new SpillFileWriter(new MemoryStream(), SpillFiles.Header(), SpillFiles.Conditions);
        Assert.Throws<ArgumentException>(() => w.Write(wrong));
        var badPlane = RawEvent.For(SpillFiles.Conditions);
        badPlane.AddMicromegasHit(8, 0, 100);
        Assert.Throws<ArgumentException>(() => w.Write(badPlane));
        Assert.Equal(0, w.EventCount);
    }

    /// <summary>Hides Seek/Length, as a pipe or network stream would; disposing it leaves the inner stream open.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
