using System.Buffers.Binary;
using System.Text;
using NA64.Reco.Physics.Processing;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>Format v2's detector table: a file describes its own detectors, so a new one needs no new format.</summary>
public sealed class SpillFileDetectorTableTests
{
    /// <summary>The default detector with two counters behind it and a second tracker of another geometry.</summary>
    private static SpillFileLayout Extended() => new(
    [
        .. SpillFileLayout.From(SpillFiles.Conditions).Detectors,
        new RawDetector("s4", RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, 2),
        new RawDetector("wcal", RawEncoding.Cells, RawUnit.KiloElectronVolt, 3, 100),
        new RawDetector("gem", RawEncoding.Hits, RawUnit.AdcCount, 4, 256),
        new RawDetector("wcal.time", RawEncoding.Cells, RawUnit.Picosecond, 1, 300),
    ]);

    private static RawEvent ExtendedEvent(SpillFileLayout layout, long n)
    {
        var e = layout.CreateEvent();
        var source = SpillFiles.Event(n);
        e.EventNumber = n;
        for (var i = 0; i < source.MicromegasHitCount; i++) e.AddMicromegasHit(source.MicromegasPlane[i], source.MicromegasChannel[i], source.MicromegasAmplitude[i]);
        source.EcalMainKeV.CopyTo(e.EcalMainKeV, 0);
        source.HcalKeV.CopyTo(e.HcalKeV, 0);
        e.Section("s4")!.Values[1] = 1200 + (int)n;
        var wcal = e.Section("wcal")!.Values;
        wcal[0] = 7;
        wcal[299] = -3 - (int)n; // a 2-byte index: 300 cells
        e.Section("wcal.time")!.Values[150] = 25_000;
        var gem = e.Section("gem")!;
        for (var i = 0; i < (int)n % 5; i++) gem.AddHit(i % 4, 255 - i, 1000 * i);
        if (source.HasTruth)
        {
            e.HasTruth = true;
            e.Truth = source.Truth;
        }
        return e;
    }

    private static void AssertSameEvent(RawEvent expected, RawEvent actual)
    {
        Assert.Equal(expected.EventNumber, actual.EventNumber);
        Assert.Equal(expected.HasTruth, actual.HasTruth);
        Assert.Equal(expected.Truth, actual.Truth);
        for (var s = 0; s < expected.Sections.Count; s++)
        {
            var (x, y) = (expected.Sections[s], actual.Sections[s]);
            Assert.Equal(x.Detector, y.Detector);
            Assert.Equal(x.Values, y.Values);
            Assert.Equal(x.HitCount, y.HitCount);
            Assert.Equal(x.Plane.AsSpan(0, x.HitCount).ToArray(), y.Plane.AsSpan(0, y.HitCount).ToArray());
            Assert.Equal(x.Channel.AsSpan(0, x.HitCount).ToArray(), y.Channel.AsSpan(0, y.HitCount).ToArray());
            Assert.Equal(x.Amplitude.AsSpan(0, x.HitCount).ToArray(), y.Amplitude.AsSpan(0, y.HitCount).ToArray());
        }
    }

    [Fact]
    public void Detectors_beyond_the_invisible_setup_are_written_and_read_without_a_new_format()
    {
        var layout = Extended();
        using var file = new TempFile();
        using (var w = new SpillFileWriter(File.Create(file.Path), SpillFiles.Header(), layout))
            for (var n = 0; n < 12; n++) w.Write(ExtendedEvent(layout, n));
        using var r = SpillFileReader.Open(file.Path);
        Assert.Equal(layout, r.Layout);
        Assert.Equal(11, r.Layout.Detectors.Count);
        Assert.Equal(7, r.Layout.IndexOf("s4"));
        var e = r.CreateEvent();
        for (var n = 11; n >= 0; n--)
        {
            r.ReadEvent(n, e);
            AssertSameEvent(ExtendedEvent(layout, n), e);
        }
        // The invisible-mode fields see their own detectors.
        r.ReadEvent(2, e);
        Assert.Equal(int.MinValue, e.EcalMainKeV[35]);
    }

    [Fact]
    public void A_layout_without_some_detectors_gives_empty_fields_for_them()
    {
        var layout = new SpillFileLayout(
        [
            new RawDetector(RawDetector.EcalMain, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, 36),
            new RawDetector("s4", RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, 1),
        ]);
        var e = layout.CreateEvent();
        Assert.Empty(e.VetoKeV);
        Assert.Empty(e.SrdEnergyKeV);
        Assert.Equal(36, e.EcalMainKeV.Length);
        Assert.False(e.AddMicromegasHit(0, 0, 1));
        Assert.Equal(0, e.MicromegasHitCount);
        Assert.Null(e.Section(RawDetector.Micromegas));
        e.Section("s4")!.Values[0] = 9;
        using var file = new TempFile();
        using (var w = new SpillFileWriter(File.Create(file.Path), SpillFiles.Header(), layout)) w.Write(e);
        using var r = SpillFileReader.Open(file.Path);
        var back = r.CreateEvent();
        r.ReadEvent(0, back);
        Assert.Equal(9, back.Section("s4")!.Values[0]);
    }

    [Fact]
    public void A_biased_sample_keeps_its_bias()
    {
        var header = SpillFiles.Header() with { Sample = new SampleDescriptor(SampleKind.Kaon, 0, 0, 77) { Bias = 1e12 } };
        using var file = new TempFile();
        using (var w = SpillFileWriter.Create(file.Path, header, SpillFiles.Conditions)) w.Write(SpillFiles.Event(3));
        using var r = SpillFileReader.Open(file.Path);
        Assert.Equal(header, r.Header);
        Assert.Equal("kaon-bias1e12", r.Header.Sample.Name);
        Assert.Equal(1e12, BinaryPrimitives.ReadDoubleLittleEndian(file.Bytes.AsSpan(64)));
    }

    [Fact]
    public void Invalid_layouts_and_biases_are_refused_by_the_writer()
    {
        var ecal = new RawDetector(RawDetector.EcalMain, RawEncoding.Cells, RawUnit.KiloElectronVolt, 1, 36);
        Assert.Contains("appears twice", Assert.Throws<ArgumentException>(() => new SpillFileLayout([ecal, ecal])).Message);
        Assert.Contains("[a-z0-9.-]", Assert.Throws<ArgumentException>(() => new SpillFileLayout([ecal with { Name = "ECAL" }])).Message);
        Assert.Contains("must be Cells in KiloElectronVolt", Assert.Throws<ArgumentException>(() => new SpillFileLayout([ecal with { Unit = RawUnit.Picosecond }])).Message);
        Assert.Contains("outside 1..256", Assert.Throws<ArgumentException>(() =>
            new SpillFileLayout([new RawDetector("gem", RawEncoding.Hits, RawUnit.AdcCount, 1, 300)])).Message);
        Assert.Throws<ArgumentException>(() => new SpillFileLayout([]));
        var data = SpillFiles.Header() with { Sample = SampleDescriptor.RealData with { Bias = 10 } };
        Assert.Throws<ArgumentException>(() => new SpillFileWriter(new MemoryStream(), data, SpillFiles.Conditions));
        var below = SpillFiles.Header() with { Sample = new SampleDescriptor(SampleKind.Beam, 0, 0, 1) { Bias = 0.5 } };
        Assert.Throws<ArgumentException>(() => new SpillFileWriter(new MemoryStream(), below, SpillFiles.Conditions));
    }

    /// <summary>A file of the default detector with the header edited by <paramref name="edit"/> and its CRC recomputed.</summary>
    private static TempFile WithHeader(Action<byte[], int> edit)
    {
        var file = SpillFiles.Write(3);
        var b = file.Bytes;
        var h = SpillBytes.HeaderLength(b);
        var table = h - 4 - EventBlockEncodingTests.DefaultDetectorTable().Length;
        edit(b, table);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(h - 4), SpillBytes.Crc32C(b.AsSpan(0, h - 4)));
        file.Set(b);
        return file;
    }

    [Fact]
    public void A_bad_detector_table_is_a_corrupt_header_at_the_entry()
    {
        // Entry 1 (srd.energy) starts 17 bytes into the table; its name at 7 within the entry.
        void Check(Action<byte[], int> edit, Func<int, int> offset, string message)
        {
            using var file = WithHeader(edit);
            var table = SpillBytes.HeaderLength(file.Bytes) - 4 - EventBlockEncodingTests.DefaultDetectorTable().Length;
            var x = Assert.Throws<RawFormatException>(() => SpillFileReader.Open(file.Path).Dispose());
            Assert.Equal(RawFormatError.CorruptHeader, x.Reason);
            Assert.Equal(offset(table), x.Offset);
            Assert.Contains(message, x.Message);
        }
        Check((b, t) => b[t + 17] = 7, t => t + 17, "unknown encoding 7");
        Check((b, t) => b[t + 17 + 7] = (byte)'S', t => t + 17 + 7, "name byte 0x53");
        Check((b, t) => Encoding.ASCII.GetBytes("micromegas").CopyTo(b, t + 17 + 7), t => t, "'micromegas' appears twice");
        Check((b, t) => b[t + 17 + 1] = 1, t => t, "'srd.energy' must be Cells in KiloElectronVolt");
        Check((b, t) => b[t + 17 + 6] = 0, t => t + 17 + 6, "a name of 0 bytes");
        Check((b, _) => b[33] = 6, t => t + EventBlockEncodingTests.DefaultDetectorTable().Length - 11, "11 bytes between the detector table and the header CRC");
        Check((b, _) => b[33] = 0, _ => 33, "0 detectors");
        // 65535 × 65535 cells overflow an int: refused as a size, before anything is sized by it.
        Check((b, t) => b.AsSpan(t + 17 + 2, 4).Fill(0xFF), t => t + 17, "4294836225 cells, more than the 65535");
        Check((b, _) => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(64), 0.5), _ => 64, "bias 0.5");
        Check((b, _) => { b[32] = 0; BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(64), 10); }, _ => 64, "not 'data'");
    }

    [Fact]
    public void Layouts_are_bounded_so_that_a_small_header_cannot_demand_a_large_allocation()
    {
        var big = Enumerable.Range(0, 64).Select(i => new RawDetector($"d{i}", RawEncoding.Cells, RawUnit.KiloElectronVolt, 255, 257));
        Assert.Contains("more than 1048576", Assert.Throws<ArgumentException>(() => new SpillFileLayout(big)).Message);
        Assert.NotNull(new RawDetector("x", RawEncoding.Cells, RawUnit.KiloElectronVolt, 65535, 65535).Problem());
        Assert.Null(new RawDetector("x", RawEncoding.Cells, RawUnit.KiloElectronVolt, 5, 13107).Problem()); // 65535 cells
    }

    [Fact]
    public void A_detector_of_the_largest_size_with_every_cell_stored_reads_back_with_buffers_reused()
    {
        // 65535 cells, all nonzero: the section's count is at its maximum and the body (393 kB) needs a reader buffer
        // larger than the one it starts with, grown after the header is already in it.
        var layout = new SpillFileLayout([new RawDetector("wcal", RawEncoding.Cells, RawUnit.KiloElectronVolt, 5, 13107)]);
        var e = layout.CreateEvent();
        var cells = e.Section("wcal")!.Values;
        for (var i = 0; i < cells.Length; i++) cells[i] = i + 1;
        using var file = new TempFile();
        using (var w = new SpillFileWriter(File.Create(file.Path), SpillFiles.Header(), layout))
            for (var n = 0; n < 3; n++) w.Write(e);
        var buffers = new SpillReadBuffers();
        for (var pass = 0; pass < 2; pass++)
        {
            using var r = SpillFileReader.Open(file.Path, buffers);
            var back = r.CreateEvent();
            r.ReadEvent(2, back);
            Assert.Equal(cells, back.Section("wcal")!.Values);
        }
        using var s = SpillFileReader.OpenStreaming(file.Path);
        var streamed = s.CreateEvent();
        var count = 0;
        while (s.TryReadNext(streamed)) count++;
        Assert.Equal(3, count);
        Assert.Equal(cells, streamed.Section("wcal")!.Values);
    }

    [Fact]
    public void A_file_of_another_detector_is_refused_by_the_reconstruction_with_a_format_error()
    {
        var layout = Extended();
        using var file = new TempFile();
        using (var w = new SpillFileWriter(File.Create(file.Path), SpillFiles.Header(), layout)) w.Write(ExtendedEvent(layout, 1));
        var processor = new ChunkProcessor(SpillFiles.Conditions);
        var x = Assert.Throws<RawFormatException>(() => processor.Process(new RawFileChunk(file.Path, 17, 0, 0, 1)));
        Assert.Equal(RawFormatError.OtherDetector, x.Reason);
        Assert.Equal(33, x.Offset);
        Assert.Contains($"are not those of conditions {SpillFiles.Conditions.Id}", x.Message);
    }

    [Fact]
    public void The_writer_refuses_what_the_reader_would_reject()
    {
        var tooMany = SpillFiles.Header() with { Eot = 1_000_000_000_001 };
        Assert.Throws<ArgumentException>(() => new SpillFileWriter(new MemoryStream(), tooMany, SpillFiles.Conditions));
        var signalBias = SpillFiles.Header() with { Sample = SpillFiles.Header().Sample with { Bias = 10 } };
        Assert.Throws<ArgumentException>(() => new SpillFileWriter(new MemoryStream(), signalBias, SpillFiles.Conditions));
        using var w = new SpillFileWriter(new MemoryStream(), SpillFiles.Header(), SpillFiles.Conditions);
        var e = SpillFiles.Event(1);
        e.Truth = e.Truth with { Particle = (ParticleKind)9 };
        Assert.Throws<ArgumentException>(() => w.Write(e));
        Assert.Equal(0, w.EventCount);
    }

    [Fact]
    public void A_header_length_that_cannot_hold_the_table_is_a_corrupt_header()
    {
        using var file = SpillFiles.Write(1);
        var b = file.Bytes;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), 60_000);
        file.Set(b);
        var x = Assert.Throws<RawFormatException>(() => SpillFileReader.Open(file.Path).Dispose());
        Assert.Equal(RawFormatError.CorruptHeader, x.Reason);
        Assert.Equal(12, x.Offset);
    }
}
