using System.Buffers.Binary;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>Every kind of bad file gives its own <see cref="RawFormatError"/> at the right byte offset; nothing else escapes.</summary>
public sealed class SpillFileCorruptionTests
{
    private const int Events = 12;

    private static RawFormatException OpenFails(TempFile file) =>
        Assert.Throws<RawFormatException>(() => SpillFileReader.Open(file.Path).Dispose());

    private static RawFormatException OpenStreamingFails(TempFile file) =>
        Assert.Throws<RawFormatException>(() => SpillFileReader.OpenStreaming(file.Path).Dispose());

    /// <summary>Streams the file, checking that the first <paramref name="good"/> events come back intact before the error.</summary>
    private static RawFormatException StreamingFailsAfter(TempFile file, int good)
    {
        using var r = SpillFileReader.OpenStreaming(file.Path);
        var e = r.CreateEvent();
        for (var n = 0; n < good; n++)
        {
            Assert.True(r.TryReadNext(e));
            RawEventAssert.Equal(SpillFiles.Event(n), e);
        }
        return Assert.Throws<RawFormatException>(() => r.TryReadNext(e));
    }

    private static void AssertError(RawFormatException x, RawFormatError reason, long offset, TempFile file)
    {
        Assert.Equal(reason, x.Reason);
        Assert.Equal(offset, x.Offset);
        Assert.Equal(file.Path, x.File);
        Assert.Contains(file.Path, x.Message);
        Assert.Contains($"{reason} at byte offset {offset}", x.Message);
    }

    [Fact]
    public void Empty_file()
    {
        using var file = new TempFile();
        file.Set([]);
        AssertError(OpenFails(file), RawFormatError.Empty, 0, file);
        AssertError(OpenStreamingFails(file), RawFormatError.Empty, 0, file);
    }

    [Fact]
    public void Foreign_file_has_bad_magic()
    {
        using var file = new TempFile();
        file.Set("{\"run\": 4242, \"spill\": 17}\n"u8.ToArray());
        AssertError(OpenFails(file), RawFormatError.BadMagic, 0, file);
        file.Set([0x4E, 0x41, 0x37]);
        AssertError(OpenStreamingFails(file), RawFormatError.BadMagic, 0, file);
    }

    [Fact]
    public void Future_version_is_unsupported()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(8), 3);
        file.Set(b);
        AssertError(OpenFails(file), RawFormatError.UnsupportedVersion, 8, file);
        AssertError(OpenStreamingFails(file), RawFormatError.UnsupportedVersion, 8, file);
    }

    [Fact]
    public void File_cut_inside_the_header_is_truncated()
    {
        using var file = SpillFiles.Write(Events);
        foreach (var length in new[] { 5, 11, 50, SpillBytes.HeaderLength(file.Bytes) - 1 })
        {
            var b = file.Bytes;
            using var cut = new TempFile();
            cut.Set(b[..length]);
            AssertError(OpenFails(cut), RawFormatError.Truncated, 0, cut);
            AssertError(OpenStreamingFails(cut), RawFormatError.Truncated, 0, cut);
        }
    }

    [Fact]
    public void Flipped_bit_in_the_header_is_a_checksum_mismatch()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        b[17] ^= 0x04; // run number
        file.Set(b);
        AssertError(OpenFails(file), RawFormatError.ChecksumMismatch, 0, file);
    }

    [Fact]
    public void Every_sample_kind_reads_back_and_the_next_one_is_a_corrupt_header_at_its_byte()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var headerLength = SpillBytes.HeaderLength(b);
        foreach (var kind in Enum.GetValues<SampleKind>().Append((SampleKind)(1 + (byte)Enum.GetValues<SampleKind>().Max())))
        {
            b[32] = (byte)kind;
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(headerLength - 4), SpillBytes.Crc32C(b.AsSpan(0, headerLength - 4)));
            file.Set(b);
            if (Enum.IsDefined(kind) && !new SampleDescriptor(kind, 0, 0, 0).IsSetupSimulated)
            {
                using var r = SpillFileReader.Open(file.Path);
                Assert.Equal(kind, r.Header.Sample.Kind);
                continue;
            }
            var x = OpenFails(file);
            AssertError(x, RawFormatError.CorruptHeader, 32, file);
            // The muon and visible programmes' kinds are simulated as cut-flows: a file that names one is not a spill file.
            var programme = new SampleDescriptor(kind, 0, 0, 0).IsVisibleProgramme ? "visible" : "muon";
            Assert.Contains(Enum.IsDefined(kind) ? $"sample kind {(byte)kind} ({SampleDescriptor.KindName(kind)}) is of the {programme} programme, which has no raw events" : $"unknown sample kind {(byte)kind}", x.Message);
        }
        Assert.Equal(SampleKind.KaonShortCharged, Enum.GetValues<SampleKind>().Max());
    }

    [Theory]
    [InlineData(0, long.MaxValue)]
    [InlineData(0, -1)]
    [InlineData(1, -5)]
    [InlineData(0, 1_000_000_000_001)]
    public void A_scaler_out_of_range_with_a_valid_checksum_is_a_corrupt_header_at_that_scaler(int scaler, long value)
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var headerLength = SpillBytes.HeaderLength(b);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(72 + 8 * scaler), value);
        // A writer that checksums what it was given: the CRC is right, the count is not.
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(headerLength - 4), SpillBytes.Crc32C(b.AsSpan(0, headerLength - 4)));
        file.Set(b);
        var x = OpenFails(file);
        AssertError(x, RawFormatError.CorruptHeader, 72 + 8 * scaler, file);
        Assert.Contains($"is {value}, outside 0..1000000000000", x.Message);
    }

    [Fact]
    public void The_largest_scaler_allowed_reads()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var headerLength = SpillBytes.HeaderLength(b);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(72), 1_000_000_000_000);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(headerLength - 4), SpillBytes.Crc32C(b.AsSpan(0, headerLength - 4)));
        file.Set(b);
        using var reader = SpillFileReader.Open(file.Path);
        Assert.Equal(1_000_000_000_000, reader.Header.Eot);
    }

    [Fact]
    public void File_cut_inside_a_block_streams_the_complete_blocks_then_reports_that_block()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var blocks = SpillBytes.BlockOffsets(b);
        file.Set(b[..(blocks[5] + 10)]);
        AssertError(OpenFails(file), RawFormatError.Truncated, blocks[5] + 10, file);
        AssertError(StreamingFailsAfter(file, 5), RawFormatError.Truncated, blocks[5], file);
        // Cut inside the 8-byte block prefix.
        file.Set(b[..(blocks[5] + 6)]);
        AssertError(StreamingFailsAfter(file, 5), RawFormatError.Truncated, blocks[5], file);
    }

    [Fact]
    public void File_without_index_and_footer_streams_every_block_then_reports_the_missing_end()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var index = SpillBytes.IndexOffset(b);
        file.Set(b[..index]);
        AssertError(OpenFails(file), RawFormatError.Truncated, index, file);
        AssertError(StreamingFailsAfter(file, Events), RawFormatError.Truncated, index, file);
    }

    [Fact]
    public void File_without_footer_is_refused_by_Open_but_streams_completely()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        file.Set(b[..^1]);
        AssertError(OpenFails(file), RawFormatError.Truncated, b.Length - 1, file);
        using var r = SpillFileReader.OpenStreaming(file.Path);
        var e = r.CreateEvent();
        var n = 0;
        while (r.TryReadNext(e)) n++;
        Assert.Equal(Events, n);
    }

    [Fact]
    public void Flipped_bit_in_a_body_is_a_checksum_mismatch_at_that_block_only()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var blocks = SpillBytes.BlockOffsets(b);
        b[blocks[7] + 8 + 20] ^= 0x10;
        file.Set(b);
        using (var r = SpillFileReader.Open(file.Path))
        {
            var e = r.CreateEvent();
            AssertError(Assert.Throws<RawFormatException>(() => r.ReadEvent(7, e)), RawFormatError.ChecksumMismatch, blocks[7], file);
            r.ReadEvent(8, e);
            RawEventAssert.Equal(SpillFiles.Event(8), e);
        }
        AssertError(StreamingFailsAfter(file, 7), RawFormatError.ChecksumMismatch, blocks[7], file);
    }

    [Fact]
    public void Absurd_block_length_is_refused_without_allocating_it()
    {
        using var file = SpillFiles.Write(Events);
        var b = file.Bytes;
        var blocks = SpillBytes.BlockOffsets(b);
        SpillBytes.SetBlockLength(b, blocks[2], 0x7FFF_FFF0);
        file.Set(b);
        using (var r = SpillFileReader.OpenStreaming(file.Path))
        {
            var e = r.CreateEvent();
            Assert.True(r.TryReadNext(e));
            Assert.True(r.TryReadNext(e));
            var before = GC.GetAllocatedBytesForCurrentThread();
            var x = Assert.Throws<RawFormatException>(() => r.TryReadNext(e));
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64 * 1024);
            AssertError(x, RawFormatError.AbsurdLength, blocks[2], file);
        }
        using (var r = SpillFileReader.Open(file.Path))
        {
            AssertError(Assert.Throws<RawFormatException>(() => r.ReadEvent(2, r.CreateEvent())), RawFormatError.BadLength, blocks[2], file);
        }
    }

    [Fact]
    public void Block_longer_than_the_rest_of_the_file_is_truncated_and_too_short_a_block_is_a_bad_length()
    {
        using var file = SpillFiles.Write(Events);
        var good = file.Bytes;
        var b = (byte[])good.Clone();
        var blocks = SpillBytes.BlockOffsets(b);
        var last = blocks[^1];
        var rest = b.Length - last;
        Assert.True(rest + 100 < SpillFileLayout.From(SpillFiles.Conditions).MaxBodyBytes);
        SpillBytes.SetBlockLength(b, last, (uint)(rest + 100));
        file.Set(b);
        AssertError(StreamingFailsAfter(file, Events - 1), RawFormatError.Truncated, last, file);

        b = (byte[])good.Clone();
        SpillBytes.SetBlockLength(b, blocks[4], 3);
        file.Set(b);
        AssertError(StreamingFailsAfter(file, 4), RawFormatError.BadLength, blocks[4], file);
    }

    [Fact]
    public void Corrupt_index_or_footer_is_refused_by_Open()
    {
        using var file = SpillFiles.Write(Events);
        var good = file.Bytes;
        var index = SpillBytes.IndexOffset(good);
        var footer = good.Length - 32;

        var b = (byte[])good.Clone();
        b[index + 16 + 8 * 5] ^= 0x01; // entry 5, index CRC not updated
        file.Set(b);
        AssertError(OpenFails(file), RawFormatError.CorruptIndex, index, file);

        b = (byte[])good.Clone();
        b[footer + 3] ^= 0x01; // index offset, footer CRC not updated
        file.Set(b);
        AssertError(OpenFails(file), RawFormatError.CorruptIndex, footer, file);

        // An index that checksums but points one byte past block 5's start: caught by the block's own length field.
        b = (byte[])good.Clone();
        var blocks = SpillBytes.BlockOffsets(good);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(index + 16 + 8 * 5), blocks[5] + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(index + 4), SpillBytes.Crc32C(b.AsSpan(index + 8, 8 + 8 * Events)));
        file.Set(b);
        using (var r = SpillFileReader.Open(file.Path))
        {
            AssertError(Assert.Throws<RawFormatException>(() => r.ReadEvent(4, r.CreateEvent())), RawFormatError.BadLength, blocks[4], file);
        }

        // An index entry before the first block.
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(index + 16 + 8 * 5), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(index + 4), SpillBytes.Crc32C(b.AsSpan(index + 8, 8 + 8 * Events)));
        file.Set(b);
        AssertError(OpenFails(file), RawFormatError.CorruptIndex, index + 16 + 8 * 5, file);

        // The index counts fewer events than the blocks in front of it: streaming notices at the marker.
        b = (byte[])good.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(index + 8), Events - 1);
        file.Set(b);
        AssertError(StreamingFailsAfter(file, Events), RawFormatError.CorruptIndex, index, file);
    }

    [Fact]
    public void Checksummed_block_with_a_channel_outside_the_detector_is_refused_at_the_hit()
    {
        using var file = GoldenEventFile(out var good, out var body);

        var b = (byte[])good.Clone();
        SpillBytes.EditBody(b, body - 8, x => x[16] = 8); // Micromegas plane 8 of 8
        file.Set(b);
        AssertReadFails(file, RawFormatError.ChannelOutOfRange, body + 16);

        b = (byte[])good.Clone();
        SpillBytes.EditBody(b, body - 8, x => x[56] = 36); // HCAL cell 36 of 36
        file.Set(b);
        AssertReadFails(file, RawFormatError.ChannelOutOfRange, body + 56);
    }

    [Theory]
    [InlineData(8, 0x80, 8)]   // unknown event flag
    [InlineData(10, 6, 61)]    // six sections announced, five stored: the sixth would start at the end
    [InlineData(10, 64, 10)]   // more sections than the header has detectors
    [InlineData(20, 0, 20)]    // srd.energy section renamed detector 0, after detector 0
    [InlineData(13, 1, 13)]    // reserved byte of a section prefix
    [InlineData(14, 0, 14)]    // an empty section
    [InlineData(38, 1, 38)]    // ecal.main section renamed detector 1: sections must rise
    [InlineData(52, 7, 52)]    // a detector the header does not list
    [InlineData(40, 4, 40)]    // four ECAL cells announced: the section runs past the body
    [InlineData(47, 14, 47)]   // ECAL main cell 14 twice
    public void Checksummed_block_that_breaks_the_body_rules_is_a_corrupt_block_at_the_field(int at, byte value, int reportedAt)
    {
        using var file = GoldenEventFile(out var good, out var body);
        var b = (byte[])good.Clone();
        SpillBytes.EditBody(b, body - 8, x => x[at] = value);
        file.Set(b);
        AssertReadFails(file, RawFormatError.CorruptBlock, body + reportedAt);
    }

    [Fact]
    public void Checksummed_block_with_a_zero_cell_or_trailing_bytes_is_a_corrupt_block()
    {
        using var file = GoldenEventFile(out var good, out var body);

        var b = (byte[])good.Clone();
        SpillBytes.EditBody(b, body - 8, x => x.AsSpan(57, 4).Clear()); // HCAL cell stored as 0
        file.Set(b);
        AssertReadFails(file, RawFormatError.CorruptBlock, body + 56);

        // Four sections announced, five stored: what follows the fourth is not a section.
        b = (byte[])good.Clone();
        SpillBytes.EditBody(b, body - 8, x => x[10] = 4);
        file.Set(b);
        AssertReadFails(file, RawFormatError.CorruptBlock, body + 52);
    }

    /// <summary>A file of the golden event alone: its bytes and the file offset of its body.</summary>
    private static TempFile GoldenEventFile(out byte[] good, out int body)
    {
        var file = new TempFile();
        using (var w = SpillFileWriter.Create(file.Path, SpillFiles.Header(), SpillFiles.Conditions)) w.Write(EventBlockEncodingTests.GoldenEvent());
        good = file.Bytes;
        body = SpillBytes.HeaderLength(good) + 8;
        return file;
    }

    private static void AssertReadFails(TempFile file, RawFormatError reason, long offset)
    {
        using (var r = SpillFileReader.Open(file.Path))
        {
            AssertError(Assert.Throws<RawFormatException>(() => r.ReadEvent(0, r.CreateEvent())), reason, offset, file);
        }
        using (var s = SpillFileReader.OpenStreaming(file.Path))
        {
            AssertError(Assert.Throws<RawFormatException>(() => s.TryReadNext(s.CreateEvent())), reason, offset, file);
        }
    }
}
