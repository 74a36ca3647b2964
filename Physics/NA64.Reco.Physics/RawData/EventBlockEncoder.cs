using System.Buffers.Binary;

namespace NA64.Reco.Physics.RawData;

/// <summary>Encodes one <see cref="RawEvent"/> into an event block body (docs/raw-format.md, "Event body").</summary>
internal static class EventBlockEncoder
{
    /// <summary>Writes the body into <paramref name="body"/> (at least <see cref="SpillFileLayout.MaxBodyBytes"/> long); returns its length.</summary>
    public static int Encode(RawEvent e, Span<byte> body)
    {
        BinaryPrimitives.WriteInt64LittleEndian(body, e.EventNumber);
        body[8] = e.HasTruth ? SpillFormat.FlagTruth : (byte)0;
        body[9] = 0;
        var hits = e.MicromegasHitCount;
        BinaryPrimitives.WriteUInt16LittleEndian(body[10..], (ushort)hits);
        var p = SpillFormat.BodyFixedBytes;
        for (var i = 0; i < hits; i++)
        {
            body[p] = e.MicromegasPlane[i];
            body[p + 1] = e.MicromegasChannel[i];
            BinaryPrimitives.WriteUInt16LittleEndian(body[(p + 2)..], e.MicromegasAmplitude[i]);
            p += 4;
        }
        p = WriteSection(body, p, 12, e.SrdEnergyKeV);
        p = WriteSection(body, p, 14, e.SrdTimePs);
        p = WriteSection(body, p, 16, e.EcalPreshowerKeV);
        p = WriteSection(body, p, 18, e.EcalMainKeV);
        p = WriteSection(body, p, 20, e.HcalKeV);
        p = WriteSection(body, p, 22, e.VetoKeV);
        if (e.HasTruth) p = WriteTruth(body, p, in e.Truth);
        return p;
    }

    /// <summary>Zero suppression: the nonzero cells in increasing index order, each as (index, i32 value); the count goes to the body's count table.</summary>
    private static int WriteSection(Span<byte> body, int p, int countAt, int[] cells)
    {
        var wide = SpillFileLayout.IndexBytes(cells.Length) == 2;
        var count = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            var v = cells[i];
            if (v == 0) continue;
            if (wide)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(body[p..], (ushort)i);
                p += 2;
            }
            else
            {
                body[p++] = (byte)i;
            }
            BinaryPrimitives.WriteInt32LittleEndian(body[p..], v);
            p += 4;
            count++;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(body[countAt..], (ushort)count);
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
}
