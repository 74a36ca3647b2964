using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Decodes one event block body into a <see cref="RawEvent"/> (docs/raw-format.md, "Event body"). Every read is
/// bounds-checked against the body, every index against the layout; any violation is a <see cref="RawFormatException"/>
/// at the file offset of the offending field.
/// </summary>
internal ref struct EventBlockDecoder
{
    private readonly ReadOnlySpan<byte> _body;
    private readonly long _bodyOffset;
    private readonly string _file;
    private int _pos;

    private EventBlockDecoder(ReadOnlySpan<byte> body, long bodyOffset, string file)
    {
        _body = body;
        _bodyOffset = bodyOffset;
        _file = file;
        _pos = 0;
    }

    /// <summary>Clears <paramref name="into"/> and fills it from <paramref name="body"/>, which starts at file offset <paramref name="bodyOffset"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> body, long bodyOffset, string file, SpillFileLayout layout, RawEvent into)
    {
        into.Clear();
        var d = new EventBlockDecoder(body, bodyOffset, file);
        into.EventNumber = (long)d.ReadVarUInt64();
        var flagsAt = d._pos;
        var flags = d.ReadByte();
        if ((flags & ~SpillFormat.FlagTruth) != 0) d.Fail(flagsAt, RawFormatError.CorruptBlock, $"unknown event flags 0x{flags:X2}");
        d.ReadMicromegas(layout, into);
        d.ReadSparse(into.SrdEnergyKeV, "SRD energy");
        d.ReadSparse(into.SrdTimePs, "SRD time");
        d.ReadSparse(into.EcalPreshowerKeV, "ECAL preshower");
        d.ReadSparse(into.EcalMainKeV, "ECAL main");
        d.ReadSparse(into.HcalKeV, "HCAL");
        d.ReadSparse(into.VetoKeV, "VETO");
        if ((flags & SpillFormat.FlagTruth) != 0)
        {
            d.ReadTruth(ref into.Truth);
            into.HasTruth = true;
        }
        if (d._pos != body.Length) d.Fail(d._pos, RawFormatError.CorruptBlock, $"{body.Length - d._pos} bytes left over after the last section");
    }

    private void ReadMicromegas(SpillFileLayout layout, RawEvent into)
    {
        var at = _pos;
        var count = ReadVarUInt32();
        if (count > RawEvent.MaxMicromegasHits) Fail(at, RawFormatError.CorruptBlock, $"{count} Micromegas hits, more than the {RawEvent.MaxMicromegasHits} an event holds");
        if (_body.Length - _pos < 4 * (int)count) Fail(at, RawFormatError.CorruptBlock, $"{count} Micromegas hits do not fit in the body");
        var planes = layout.MicromegasPlanes;
        var channels = layout.MicromegasChannels;
        var hits = _body.Slice(_pos, 4 * (int)count);
        for (var i = 0; i < (int)count; i++)
        {
            var h = hits.Slice(4 * i, 4);
            if (h[0] >= planes || h[1] >= channels)
                Fail(_pos + 4 * i, RawFormatError.ChannelOutOfRange, $"Micromegas hit {i} (plane {h[0]}, channel {h[1]}) is outside {planes} planes × {channels} channels");
            into.MicromegasPlane[i] = h[0];
            into.MicromegasChannel[i] = h[1];
            into.MicromegasAmplitude[i] = BinaryPrimitives.ReadUInt16LittleEndian(h[2..]);
        }
        into.MicromegasHitCount = (int)count;
        _pos += 4 * (int)count;
    }

    private void ReadSparse(int[] cells, string section)
    {
        var at = _pos;
        var count = ReadVarUInt32();
        if (count > (uint)cells.Length) Fail(at, RawFormatError.CorruptBlock, $"{section}: {count} cells stored but the detector has {cells.Length}");
        long index = -1;
        for (var k = 0u; k < count; k++)
        {
            at = _pos;
            index += 1 + ReadVarUInt32();
            if (index >= cells.Length) Fail(at, RawFormatError.ChannelOutOfRange, $"{section}: cell {index} is outside 0..{cells.Length - 1}");
            var z = ReadVarUInt32();
            if (z == 0) Fail(at, RawFormatError.CorruptBlock, $"{section}: cell {index} is stored with value 0 (zero suppression stores only nonzero cells)");
            cells[index] = (int)(z >> 1) ^ -(int)(z & 1);
        }
    }

    private void ReadTruth(ref McTruth t)
    {
        var at = _pos;
        if (_body.Length - _pos < SpillFormat.TruthBytes) Fail(at, RawFormatError.CorruptBlock, "the MC-truth block runs past the end of the body");
        var s = _body.Slice(_pos, SpillFormat.TruthBytes);
        if (s[0] > (byte)ParticleKind.Muon) Fail(at, RawFormatError.CorruptBlock, $"unknown particle kind {s[0]} in the MC truth");
        t.Particle = (ParticleKind)s[0];
        t.Flags = (TruthFlags)BinaryPrimitives.ReadUInt16LittleEndian(s[1..]);
        t.MomentumGeV = BinaryPrimitives.ReadDoubleLittleEndian(s[3..]);
        t.XMm = BinaryPrimitives.ReadDoubleLittleEndian(s[11..]);
        t.YMm = BinaryPrimitives.ReadDoubleLittleEndian(s[19..]);
        t.SlopeX = BinaryPrimitives.ReadDoubleLittleEndian(s[27..]);
        t.SlopeY = BinaryPrimitives.ReadDoubleLittleEndian(s[35..]);
        t.APrimeEnergyGeV = BinaryPrimitives.ReadDoubleLittleEndian(s[43..]);
        t.Weight = BinaryPrimitives.ReadDoubleLittleEndian(s[51..]);
        _pos += SpillFormat.TruthBytes;
    }

    private byte ReadByte()
    {
        if ((uint)_pos >= (uint)_body.Length) Fail(_pos, RawFormatError.CorruptBlock, "the body ends inside a field");
        return _body[_pos++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadVarUInt32()
    {
        // Fast path: one-byte values (small counts and index gaps) are the common case.
        if ((uint)_pos < (uint)_body.Length && _body[_pos] < 0x80) return _body[_pos++];
        return ReadVarUInt32Slow();
    }

    private uint ReadVarUInt32Slow()
    {
        var at = _pos;
        uint result = 0;
        for (var shift = 0; ; shift += 7)
        {
            uint b = ReadByte();
            if (shift == 28 && b > 0x0F) Fail(at, RawFormatError.CorruptBlock, "a varint overflows 32 bits");
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
    }

    private ulong ReadVarUInt64()
    {
        var at = _pos;
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            ulong b = ReadByte();
            if (shift == 63 && b > 0x01) Fail(at, RawFormatError.CorruptBlock, "a varint overflows 64 bits");
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void Fail(int bodyPosition, RawFormatError reason, string detail) =>
        throw new RawFormatException(_file, _bodyOffset + bodyPosition, reason, detail);
}
