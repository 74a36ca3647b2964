using System.Buffers.Binary;
using System.Text;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>The exact bytes of docs/raw-format.md: an independent reader written from the document must agree with these.</summary>
public sealed class EventBlockEncodingTests
{
    /// <summary>A small event whose body is spelled out byte by byte in <see cref="GoldenBody"/>.</summary>
    internal static RawEvent GoldenEvent()
    {
        var e = RawEvent.For(SpillFiles.Conditions);
        e.EventNumber = 5;
        e.AddMicromegasHit(plane: 3, channel: 17, amplitude: 300);
        e.SrdEnergyKeV[1] = 2500;
        e.SrdTimePs[1] = -1500;
        e.EcalMainKeV[14] = 1000;
        e.EcalMainKeV[15] = 70_000;
        e.HcalKeV[35] = 1;
        return e;
    }

    internal static readonly byte[] GoldenBody =
    [
        0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // event number 5 (i64)
        0x00,                   // flags: no truth
        0x00,                   // reserved
        0x05, 0x00,             // 5 sections (detectors without data have none)
        0x00, 0x00, 0x01, 0x00, // offset 12, section: detector 0 (micromegas), reserved, 1 entry
        0x03, 0x11, 0x2C, 0x01, // offset 16, hit: plane 3, channel 17, amplitude 300 (u16)
        0x01, 0x00, 0x01, 0x00, // offset 20, section: detector 1 (srd.energy), 1 entry
        0x01, 0xC4, 0x09, 0x00, 0x00, // offset 24, module 1, 2500 keV (i32)
        0x02, 0x00, 0x01, 0x00, // offset 29, section: detector 2 (srd.time), 1 entry
        0x01, 0x24, 0xFA, 0xFF, 0xFF, // offset 33, module 1, −1500 ps
        0x04, 0x00, 0x02, 0x00, // offset 38, section: detector 4 (ecal.main), 2 entries
        0x0E, 0xE8, 0x03, 0x00, 0x00, // offset 42, cell 14, 1000 keV
        0x0F, 0x70, 0x11, 0x01, 0x00, // offset 47, cell 15, 70000 keV
        0x05, 0x00, 0x01, 0x00, // offset 52, section: detector 5 (hcal), 1 entry
        0x23, 0x01, 0x00, 0x00, 0x00, // offset 56, cell 35, 1 keV
    ];

    /// <summary>The same event in format v1 (count table of seven u16, no section prefixes), which readers still decode.</summary>
    internal static readonly byte[] GoldenBodyV1 =
    [
        0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // event number 5 (i64)
        0x00,                   // flags: no truth
        0x00,                   // reserved
        0x01, 0x00,             // counts: 1 Micromegas hit,
        0x01, 0x00, 0x01, 0x00, //   1 SRD energy, 1 SRD time,
        0x00, 0x00, 0x02, 0x00, //   0 ECAL preshower, 2 ECAL main,
        0x01, 0x00, 0x00, 0x00, //   1 HCAL, 0 VETO cells
        0x03, 0x11, 0x2C, 0x01, // offset 24, hit: plane 3, channel 17, amplitude 300 (u16)
        0x01, 0xC4, 0x09, 0x00, 0x00, // offset 28, SRD energy: module 1, 2500 keV (i32)
        0x01, 0x24, 0xFA, 0xFF, 0xFF, // offset 33, SRD time: module 1, −1500 ps
        0x0E, 0xE8, 0x03, 0x00, 0x00, // offset 38, ECAL main: cell 14, 1000 keV
        0x0F, 0x70, 0x11, 0x01, 0x00, // offset 43, ECAL main: cell 15, 70000 keV
        0x23, 0x01, 0x00, 0x00, 0x00, // offset 48, HCAL: cell 35, 1 keV
    ];

    /// <summary>The detector table of the default conditions: encoding, unit, groups (u16), per group (u16), name length, name.</summary>
    internal static byte[] DefaultDetectorTable()
    {
        var table = new List<byte>();
        void Add(byte encoding, byte unit, ushort groups, ushort perGroup, string name)
        {
            table.AddRange([encoding, unit, (byte)groups, (byte)(groups >> 8), (byte)perGroup, (byte)(perGroup >> 8), (byte)name.Length]);
            table.AddRange(Encoding.ASCII.GetBytes(name));
        }
        Add(0, 2, 8, 64, "micromegas");    // hits, ADC counts, 8 planes × 64 channels
        Add(1, 0, 1, 3, "srd.energy");     // cells, keV
        Add(1, 1, 1, 3, "srd.time");       // cells, ps
        Add(1, 0, 1, 36, "ecal.preshower");
        Add(1, 0, 1, 36, "ecal.main");
        Add(1, 0, 4, 9, "hcal");           // 4 modules × 9 cells
        Add(1, 0, 1, 3, "veto");
        return [.. table];
    }

    [Fact]
    public void Crc32C_has_the_standard_check_value()
    {
        Assert.Equal(0xE306_9283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0xE306_9283u, SpillBytes.Crc32C("123456789"u8));
        var data = Encoding.ASCII.GetBytes("the quick brown fox jumps over the lazy dog, 37 bytes+");
        Assert.Equal(SpillBytes.Crc32C(data), Crc32C.Compute(data));
    }

    [Fact]
    public void Crc32C_of_long_data_in_three_chains_matches_the_definition()
    {
        // Lengths around the 192-byte blocks of three chains, and data split at odd places.
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        foreach (var n in new[] { 191, 192, 193, 383, 384, 424, 577, 1000 })
        {
            Assert.Equal(SpillBytes.Crc32C(data.AsSpan(0, n)), Crc32C.Compute(data.AsSpan(0, n)));
            var split = ~Crc32C.Update(Crc32C.Update(Crc32C.Initial, data.AsSpan(0, 13)), data.AsSpan(13, n - 13));
            Assert.Equal(SpillBytes.Crc32C(data.AsSpan(0, n)), split);
        }
    }

    [Fact]
    public void Golden_event_encodes_to_the_documented_bytes()
    {
        var body = new byte[SpillFileLayout.From(SpillFiles.Conditions).MaxBodyBytes];
        var length = EventBlockEncoder.Encode(GoldenEvent(), body);
        Assert.Equal(GoldenBody, body.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Golden_v1_body_decodes_to_the_golden_event()
    {
        var layout = SpillFileLayout.From(SpillFiles.Conditions);
        var e = layout.CreateEvent();
        EventBlockDecoder.DecodeV1(GoldenBodyV1, 0, "v1 golden", layout, e);
        RawEventAssert.Equal(GoldenEvent(), e);
    }

    [Fact]
    public void Golden_file_has_the_documented_header_block_index_and_footer()
    {
        using var file = new TempFile();
        var header = SpillFiles.Header() with { Sample = SpillFiles.Header().Sample with { Bias = 1 } };
        using (var w = SpillFileWriter.Create(file.Path, header, SpillFiles.Conditions)) w.Write(GoldenEvent());
        var b = file.Bytes;
        var id = Encoding.UTF8.GetBytes(SpillFiles.Conditions.Id);
        var table = DefaultDetectorTable();
        var h = 76 + 2 * 8 + id.Length + table.Length;
        Assert.Equal("NA64RAW\x1A"u8.ToArray(), b[..8]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(8)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(10)));
        Assert.Equal(h, SpillBytes.HeaderLength(b));
        Assert.Equal(4242, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(16)));
        Assert.Equal(17, BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(20)));
        Assert.Equal(1_700_000_000_123, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(24)));
        Assert.Equal(3, b[32]); // sample kind: signal
        Assert.Equal(7, b[33]); // detectors in the table
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(34)));
        Assert.Equal(id.Length, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(36)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(38)));
        Assert.Equal(16.7, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(40)));
        Assert.Equal(1e-4, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(48)));
        Assert.Equal(12345ul, BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(56)));
        Assert.Equal(1.0, BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(64))); // bias
        Assert.Equal(123_456_789_012, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(72)));
        Assert.Equal(40, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(80)));
        Assert.Equal(id, b[88..(88 + id.Length)]);
        Assert.Equal(table, b[(88 + id.Length)..(h - 4)]);
        Assert.Equal(SpillBytes.Crc32C(b.AsSpan(0, h - 4)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(h - 4)));

        Assert.Equal((uint)GoldenBody.Length, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(h)));
        Assert.Equal(SpillBytes.Crc32C(GoldenBody), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(h + 4)));
        Assert.Equal(GoldenBody, b[(h + 8)..(h + 8 + GoldenBody.Length)]);

        var index = h + 8 + GoldenBody.Length;
        Assert.Equal(0xFFFF_FFFFu, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(index)));
        Assert.Equal(SpillBytes.Crc32C(b.AsSpan(index + 8, 16)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(index + 4)));
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(index + 8)));
        Assert.Equal(h, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(index + 16)));

        var footer = index + 24;
        Assert.Equal(b.Length - 32, footer);
        Assert.Equal(index, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(footer)));
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(footer + 8)));
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(footer + 16)));
        Assert.Equal(SpillBytes.Crc32C(b.AsSpan(footer, 20)), BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(footer + 20)));
        Assert.Equal("NA64END\x1A"u8.ToArray(), b[(footer + 24)..]);

        using var r = SpillFileReader.Open(file.Path);
        var e = r.CreateEvent();
        r.ReadEvent(0, e);
        RawEventAssert.Equal(GoldenEvent(), e);
    }

    [Fact]
    public void Truth_block_is_the_particle_the_flags_and_seven_doubles()
    {
        var e = GoldenEvent();
        e.HasTruth = true;
        e.Truth = new McTruth
        {
            Particle = ParticleKind.Pion, Flags = TruthFlags.DecayInFlight, MomentumGeV = 99.5, XMm = 1.25, YMm = -2.5,
            SlopeX = 1e-4, SlopeY = -2e-4, APrimeEnergyGeV = 0, Weight = 1,
        };
        var body = new byte[SpillFileLayout.From(SpillFiles.Conditions).MaxBodyBytes];
        var length = EventBlockEncoder.Encode(e, body);
        Assert.Equal(GoldenBody.Length + 59, length);
        Assert.Equal(1, body[8]);
        var t = body.AsSpan(GoldenBody.Length);
        Assert.Equal((byte)ParticleKind.Pion, t[0]);
        Assert.Equal((ushort)TruthFlags.DecayInFlight, BinaryPrimitives.ReadUInt16LittleEndian(t[1..]));
        double[] expected = [99.5, 1.25, -2.5, 1e-4, -2e-4, 0, 1];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], BinaryPrimitives.ReadDoubleLittleEndian(t[(3 + 8 * i)..]));
    }
}
