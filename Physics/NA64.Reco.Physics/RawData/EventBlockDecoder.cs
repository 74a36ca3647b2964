using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Decodes one event block body into a <see cref="RawEvent"/> (docs/raw-format.md, "Event body"), of either format
/// version. Every section's size is known from its count before it is read, so bounds are checked once per section and
/// the cells are then read with fixed-width loads; every index is still checked against the layout. Any violation is a
/// <see cref="RawFormatException"/> at the file offset of the offending field.
/// </summary>
internal static class EventBlockDecoder
{
    /// <summary>Fills <paramref name="into"/> (every buffer is overwritten) from a format-v2 <paramref name="body"/>, which starts at file offset <paramref name="bodyOffset"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> body, long bodyOffset, string file, SpillFileLayout layout, RawEvent into)
    {
        if (body.Length < SpillFormat.BodyFixedBytes)
            throw Error(file, bodyOffset, RawFormatError.CorruptBlock, $"a body of {body.Length} bytes is shorter than its {SpillFormat.BodyFixedBytes}-byte fixed part");
        var truth = Flags(body, bodyOffset, file);
        int sections = BinaryPrimitives.ReadUInt16LittleEndian(body[10..]);
        var detectors = layout.Detectors;
        if (sections > detectors.Count)
            throw Error(file, bodyOffset + 10, RawFormatError.CorruptBlock, $"{sections} sections, more than the {detectors.Count} detectors of the header");
        var end = body.Length - (truth ? SpillFormat.TruthBytes : 0);
        if (end < SpillFormat.BodyFixedBytes)
            throw Error(file, bodyOffset, RawFormatError.CorruptBlock, $"a body of {body.Length} bytes cannot hold its fixed part and the MC truth its flags announce");
        var p = SpillFormat.BodyFixedBytes;
        var previous = -1;
        for (var k = 0; k < sections; k++)
        {
            if (p + SpillFormat.SectionPrefixBytes > end)
                throw Error(file, bodyOffset + p, RawFormatError.CorruptBlock, $"section {k} of {sections} starts at {p}, past the {end} bytes of sections");
            int id = body[p];
            if (id >= detectors.Count)
                throw Error(file, bodyOffset + p, RawFormatError.CorruptBlock, $"section {k} names detector {id}; the header lists {detectors.Count}");
            if (id <= previous)
                throw Error(file, bodyOffset + p, RawFormatError.CorruptBlock, $"section {k} names detector {id} after detector {previous} (sections must rise)");
            if (body[p + 1] != 0) throw Error(file, bodyOffset + p + 1, RawFormatError.CorruptBlock, $"section {k}: reserved byte is 0x{body[p + 1]:X2}, not 0");
            int count = BinaryPrimitives.ReadUInt16LittleEndian(body[(p + 2)..]);
            if (count == 0) throw Error(file, bodyOffset + p + 2, RawFormatError.CorruptBlock, $"{detectors[id].Name}: an empty section (a detector without data has none)");
            if (count > layout.MaxEntries[id])
                throw Error(file, bodyOffset + p + 2, RawFormatError.CorruptBlock, $"{detectors[id].Name}: {count} entries stored but the detector holds {layout.MaxEntries[id]}");
            var bytes = count * layout.EntryBytes[id];
            var at = p + SpillFormat.SectionPrefixBytes;
            if (at + bytes > end)
                throw Error(file, bodyOffset + p + 2, RawFormatError.CorruptBlock, $"{detectors[id].Name}: {count} entries of {layout.EntryBytes[id]} bytes run past the {end} bytes of sections");
            for (var absent = previous + 1; absent < id; absent++) into.SectionAt(absent).Clear();
            var section = into.SectionAt(id);
            if (layout.IsHits[id]) ReadHits(body, at, count, detectors[id], section, bodyOffset, file);
            else ReadSection(body, at, count, section.Values, bodyOffset, file, detectors[id].Name);
            p = at + bytes;
            previous = id;
        }
        for (var absent = previous + 1; absent < detectors.Count; absent++) into.SectionAt(absent).Clear();
        if (p != end)
            throw Error(file, bodyOffset + p, RawFormatError.CorruptBlock, $"{end - p} bytes after the last of {sections} sections{(truth ? ", before the MC truth" : "")}");
        into.EventNumber = BinaryPrimitives.ReadInt64LittleEndian(body);
        into.HasTruth = truth;
        if (truth) ReadTruth(body[end..], ref into.Truth, bodyOffset + end, file);
        else into.Truth = default;
    }

    /// <summary>
    /// Fills <paramref name="into"/> from a format-v1 body: its count table fixes every section's size, so the body
    /// length is checked once against it. The layout is v1's seven detectors (<see cref="SpillFileLayout.Standard"/>).
    /// </summary>
    public static void DecodeV1(ReadOnlySpan<byte> body, long bodyOffset, string file, SpillFileLayout layout, RawEvent into)
    {
        if (body.Length < SpillFormat.V1BodyFixedBytes)
            throw Error(file, bodyOffset, RawFormatError.CorruptBlock, $"a body of {body.Length} bytes is shorter than its {SpillFormat.V1BodyFixedBytes}-byte fixed part");
        var truth = Flags(body, bodyOffset, file);
        var hits = BinaryPrimitives.ReadUInt16LittleEndian(body[10..]);
        if (hits > RawEvent.MaxMicromegasHits)
            throw Error(file, bodyOffset + 10, RawFormatError.CorruptBlock, $"{hits} Micromegas hits, more than the {RawEvent.MaxMicromegasHits} an event holds");
        var srdE = Count(body, 12, into.SrdEnergyKeV, bodyOffset, file, "SRD energy");
        var srdT = Count(body, 14, into.SrdTimePs, bodyOffset, file, "SRD time");
        var pre = Count(body, 16, into.EcalPreshowerKeV, bodyOffset, file, "ECAL preshower");
        var main = Count(body, 18, into.EcalMainKeV, bodyOffset, file, "ECAL main");
        var hcal = Count(body, 20, into.HcalKeV, bodyOffset, file, "HCAL");
        var veto = Count(body, 22, into.VetoKeV, bodyOffset, file, "VETO");
        var expected = SpillFormat.V1BodyFixedBytes + 4 * hits
            + SectionBytes(srdE, into.SrdEnergyKeV) + SectionBytes(srdT, into.SrdTimePs)
            + SectionBytes(pre, into.EcalPreshowerKeV) + SectionBytes(main, into.EcalMainKeV)
            + SectionBytes(hcal, into.HcalKeV) + SectionBytes(veto, into.VetoKeV)
            + (truth ? SpillFormat.TruthBytes : 0);
        if (expected != body.Length)
            throw Error(file, bodyOffset + 10, RawFormatError.CorruptBlock, $"the count table implies a body of {expected} bytes, the block has {body.Length}");

        into.EventNumber = BinaryPrimitives.ReadInt64LittleEndian(body);
        ReadHits(body, SpillFormat.V1BodyFixedBytes, hits, layout.Detectors[0], into.SectionAt(0), bodyOffset, file);
        var p = SpillFormat.V1BodyFixedBytes + 4 * hits;
        p = ReadSection(body, p, srdE, into.SrdEnergyKeV, bodyOffset, file, "SRD energy");
        p = ReadSection(body, p, srdT, into.SrdTimePs, bodyOffset, file, "SRD time");
        p = ReadSection(body, p, pre, into.EcalPreshowerKeV, bodyOffset, file, "ECAL preshower");
        p = ReadSection(body, p, main, into.EcalMainKeV, bodyOffset, file, "ECAL main");
        p = ReadSection(body, p, hcal, into.HcalKeV, bodyOffset, file, "HCAL");
        p = ReadSection(body, p, veto, into.VetoKeV, bodyOffset, file, "VETO");
        into.HasTruth = truth;
        if (truth) ReadTruth(body[p..], ref into.Truth, bodyOffset + p, file);
        else into.Truth = default;
    }

    /// <summary>Checks the flags byte and the reserved one; returns whether an MC-truth block ends the body.</summary>
    private static bool Flags(ReadOnlySpan<byte> body, long bodyOffset, string file)
    {
        var flags = body[8];
        if ((flags & ~SpillFormat.FlagTruth) != 0 || body[9] != 0)
            throw Error(file, bodyOffset + 8, RawFormatError.CorruptBlock, $"unknown event flags 0x{flags:X2}{body[9]:X2}");
        return (flags & SpillFormat.FlagTruth) != 0;
    }

    private static int Count(ReadOnlySpan<byte> body, int at, int[] cells, long bodyOffset, string file, string section)
    {
        int count = BinaryPrimitives.ReadUInt16LittleEndian(body[at..]);
        if (count > cells.Length)
            throw Error(file, bodyOffset + at, RawFormatError.CorruptBlock, $"{section}: {count} cells stored but the detector has {cells.Length}");
        return count;
    }

    private static int SectionBytes(int count, int[] cells) => count * (SpillFileLayout.IndexBytes(cells.Length) + 4);

    /// <summary>Reads <paramref name="count"/> hits at <paramref name="start"/>; planes and channels must lie inside the detector.</summary>
    private static void ReadHits(ReadOnlySpan<byte> body, int start, int count, RawDetector detector, RawSection into, long bodyOffset, string file)
    {
        var hits = body.Slice(start, 4 * count);
        var plane = into.Plane.AsSpan(0, count);
        var channel = into.Channel.AsSpan(0, count);
        var amplitude = into.Amplitude.AsSpan(0, count);
        var planes = detector.Groups;
        var channels = detector.PerGroup;
        var i = 0;
        if (Vector256.IsHardwareAccelerated && BitConverter.IsLittleEndian)
        {
            // Sixteen hits at a time (the words are little-endian, as in the file); a block with a hit out of range is
            // left to the loop below, which names it.
            var words = MemoryMarshal.Cast<byte, uint>(hits);
            Vector256<uint> maxPlane = Vector256.Create((uint)planes), maxChannel = Vector256.Create((uint)channels), low = Vector256.Create(0xFFu);
            for (; i + 2 * Vector256<uint>.Count <= plane.Length; i += 2 * Vector256<uint>.Count)
            {
                var h0 = Vector256.Create(words[i..]);
                var h1 = Vector256.Create(words[(i + Vector256<uint>.Count)..]);
                Vector256<uint> p0 = h0 & low, p1 = h1 & low, c0 = (h0 >> 8) & low, c1 = (h1 >> 8) & low;
                var bad = Vector256.GreaterThanOrEqual(p0, maxPlane) | Vector256.GreaterThanOrEqual(p1, maxPlane)
                    | Vector256.GreaterThanOrEqual(c0, maxChannel) | Vector256.GreaterThanOrEqual(c1, maxChannel);
                if (bad != Vector256<uint>.Zero) break;
                var p16 = Vector256.Narrow(p0, p1);
                var c16 = Vector256.Narrow(c0, c1);
                Vector128.Narrow(p16.GetLower(), p16.GetUpper()).CopyTo(plane[i..]);
                Vector128.Narrow(c16.GetLower(), c16.GetUpper()).CopyTo(channel[i..]);
                Vector256.Narrow(h0 >> 16, h1 >> 16).CopyTo(amplitude[i..]);
            }
        }
        for (; i < plane.Length; i++)
        {
            var h = BinaryPrimitives.ReadUInt32LittleEndian(hits[(4 * i)..]);
            var pl = (byte)h;
            var ch = (byte)(h >> 8);
            if (pl >= planes || ch >= channels)
                throw Error(file, bodyOffset + start + 4 * i, RawFormatError.ChannelOutOfRange,
                    $"{detector.Label} hit {i} (plane {pl}, channel {ch}) is outside {planes} planes × {channels} channels");
            plane[i] = pl;
            channel[i] = ch;
            amplitude[i] = (ushort)(h >> 16);
        }
        into.HitCount = count;
    }

    /// <summary>Clears the cells, then sets the stored ones; indexes must rise strictly and values be nonzero.</summary>
    /// <remarks>Not inlined: six copies inlined into <see cref="DecodeV1"/> left its loops short of registers.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadSection(ReadOnlySpan<byte> body, int p, int count, int[] cells, long bodyOffset, string file, string section)
    {
        // Small sections (SRD, VETO) by a loop: the call behind Span.Clear costs more for three cells.
        if (cells.Length <= 8)
            for (var i = 0; i < cells.Length; i++) cells[i] = 0;
        else cells.AsSpan().Clear();
        // The caller checked [p, p + count × stride) against the body (v1: the count table's length; v2: the section's).
        // A bad cell leaves the loop and is reported after it: no call inside the loop, whose values then stay in
        // registers; a checked index writes unchecked.
        ref var b = ref Unsafe.Add(ref MemoryMarshal.GetReference(body), p);
        ref var c = ref MemoryMarshal.GetArrayDataReference(cells);
        var length = (uint)cells.Length;
        var stride = SpillFileLayout.IndexBytes(cells.Length) + 4;
        var previous = -1;
        int k = 0, index = 0;
        if (stride == 5)
            for (; k < count; k++)
            {
                ref var cell = ref Unsafe.Add(ref b, 5 * k);
                index = cell;
                var value = ReadInt32(ref Unsafe.Add(ref cell, 1));
                if ((uint)index >= length || index <= previous || value == 0) break;
                Unsafe.Add(ref c, index) = value;
                previous = index;
            }
        else
            for (; k < count; k++)
            {
                ref var cell = ref Unsafe.Add(ref b, 6 * k);
                index = ReadUInt16(ref cell);
                var value = ReadInt32(ref Unsafe.Add(ref cell, 2));
                if ((uint)index >= length || index <= previous || value == 0) break;
                Unsafe.Add(ref c, index) = value;
                previous = index;
            }
        if (k < count) Bad(p + stride * k, index, previous, cells, bodyOffset, file, section);
        return p + stride * count;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Bad(int at, int index, int previous, int[] cells, long bodyOffset, string file, string section)
    {
        if (index >= cells.Length)
            throw Error(file, bodyOffset + at, RawFormatError.ChannelOutOfRange, $"{section}: cell {index} is outside 0..{cells.Length - 1}");
        if (index <= previous)
            throw Error(file, bodyOffset + at, RawFormatError.CorruptBlock, $"{section}: cell {index} follows cell {previous} (indexes must rise)");
        throw Error(file, bodyOffset + at, RawFormatError.CorruptBlock, $"{section}: cell {index} is stored with value 0 (zero suppression stores only nonzero cells)");
    }

    private static void ReadTruth(ReadOnlySpan<byte> s, ref McTruth t, long offset, string file)
    {
        if (s[0] > (byte)ParticleKind.Muon) throw Error(file, offset, RawFormatError.CorruptBlock, $"unknown particle kind {s[0]} in the MC truth");
        t.Particle = (ParticleKind)s[0];
        t.Flags = (TruthFlags)BinaryPrimitives.ReadUInt16LittleEndian(s[1..]);
        t.MomentumGeV = BinaryPrimitives.ReadDoubleLittleEndian(s[3..]);
        t.XMm = BinaryPrimitives.ReadDoubleLittleEndian(s[11..]);
        t.YMm = BinaryPrimitives.ReadDoubleLittleEndian(s[19..]);
        t.SlopeX = BinaryPrimitives.ReadDoubleLittleEndian(s[27..]);
        t.SlopeY = BinaryPrimitives.ReadDoubleLittleEndian(s[35..]);
        t.APrimeEnergyGeV = BinaryPrimitives.ReadDoubleLittleEndian(s[43..]);
        t.Weight = BinaryPrimitives.ReadDoubleLittleEndian(s[51..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadInt32(ref byte at)
    {
        var v = Unsafe.ReadUnaligned<int>(ref at);
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReadUInt16(ref byte at)
    {
        var v = Unsafe.ReadUnaligned<ushort>(ref at);
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    private static RawFormatException Error(string file, long offset, RawFormatError reason, string detail) => new(file, offset, reason, detail);
}
