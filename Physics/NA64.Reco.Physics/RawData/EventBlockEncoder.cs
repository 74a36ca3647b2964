using System.Buffers.Binary;

namespace NA64.Reco.Physics.RawData;

/// <summary>Encodes one <see cref="RawEvent"/> into an event block body (docs/raw-format.md, "Event body").</summary>
internal static class EventBlockEncoder
{
    /// <summary>Writes the body into <paramref name="body"/> (at least <see cref="SpillFileLayout.MaxBodyBytes"/> long); returns its length.</summary>
    public static int Encode(RawEvent e, Span<byte> body)
    {
        var p = WriteVarUInt64(body, 0, (ulong)e.EventNumber);
        body[p++] = e.HasTruth ? SpillFormat.FlagTruth : (byte)0;
        var hits = e.MicromegasHitCount;
        p = WriteVarUInt64(body, p, (uint)hits);
        for (var i = 0; i < hits; i++)
        {
            body[p] = e.MicromegasPlane[i];
            body[p + 1] = e.MicromegasChannel[i];
            BinaryPrimitives.WriteUInt16LittleEndian(body[(p + 2)..], e.MicromegasAmplitude[i]);
            p += 4;
        }
        p = WriteSparse(body, p, e.SrdEnergyKeV);
        p = WriteSparse(body, p, e.SrdTimePs);
        p = WriteSparse(body, p, e.EcalPreshowerKeV);
        p = WriteSparse(body, p, e.EcalMainKeV);
        p = WriteSparse(body, p, e.HcalKeV);
        p = WriteSparse(body, p, e.VetoKeV);
        if (e.HasTruth) p = WriteTruth(body, p, in e.Truth);
        return p;
    }

    /// <summary>Zero suppression: count of nonzero cells, then (index gap, zigzag value) per nonzero cell.</summary>
    private static int WriteSparse(Span<byte> body, int p, int[] cells)
    {
        var count = 0;
        foreach (var v in cells) if (v != 0) count++;
        p = WriteVarUInt64(body, p, (uint)count);
        var previous = -1;
        for (var i = 0; i < cells.Length; i++)
        {
            var v = cells[i];
            if (v == 0) continue;
            p = WriteVarUInt64(body, p, (uint)(i - previous - 1));
            p = WriteVarUInt64(body, p, (uint)((v << 1) ^ (v >> 31)));
            previous = i;
        }
        return p;
    }

    private static int WriteTruth(Span<byte> body, int p, in McTruth t)
    {
        body[p] = (byte)t.Particle;
        BinaryPrimitives.WriteUInt16LittleEndian(body[(p + 1)..], (ushort)t.Flags);
        p += 3;
        BinaryPrimitives.WriteDoubleLittleEndian(body[p..], t.MomentumGeV);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 8)..], t.XMm);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 16)..], t.YMm);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 24)..], t.SlopeX);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 32)..], t.SlopeY);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 40)..], t.APrimeEnergyGeV);
        BinaryPrimitives.WriteDoubleLittleEndian(body[(p + 48)..], t.Weight);
        return p + 56;
    }

    private static int WriteVarUInt64(Span<byte> body, int p, ulong v)
    {
        while (v >= 0x80)
        {
            body[p++] = (byte)(v | 0x80);
            v >>= 7;
        }
        body[p++] = (byte)v;
        return p;
    }
}
