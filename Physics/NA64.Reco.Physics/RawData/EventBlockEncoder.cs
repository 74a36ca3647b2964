using System.Buffers.Binary;

namespace NA64.Reco.Physics.RawData;

/// <summary>Encodes one <see cref="RawEvent"/> into a format-v2 event block body (docs/raw-format.md, "Event body").</summary>
internal static class EventBlockEncoder
{
    /// <summary>Writes the body into <paramref name="body"/> (at least <see cref="SpillFileLayout.MaxBodyBytes"/> long); returns its length.</summary>
    public static int Encode(RawEvent e, Span<byte> body)
    {
        BinaryPrimitives.WriteInt64LittleEndian(body, e.EventNumber);
        body[8] = e.HasTruth ? SpillFormat.FlagTruth : (byte)0;
        body[9] = 0;
        var p = SpillFormat.BodyFixedBytes;
        var sections = 0;
        var all = e.Sections;
        for (var i = 0; i < all.Count; i++)
        {
            var s = all[i];
            var start = p;
            var entries = s.Detector.Encoding == RawEncoding.Hits
                ? WriteHits(body, start + SpillFormat.SectionPrefixBytes, s, out p)
                : WriteCells(body, start + SpillFormat.SectionPrefixBytes, s.Values, out p);
            // A detector with nothing to store has no section: one event, one byte string.
            if (entries == 0)
            {
                p = start;
                continue;
            }
            body[start] = (byte)i;
            body[start + 1] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(body[(start + 2)..], (ushort)entries);
            sections++;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(body[10..], (ushort)sections);
        if (e.HasTruth) p = WriteTruth(body, p, in e.Truth);
        return p;
    }

    private static int WriteHits(Span<byte> body, int p, RawSection s, out int end)
    {
        var hits = s.HitCount;
        for (var i = 0; i < hits; i++)
        {
            body[p] = s.Plane[i];
            body[p + 1] = s.Channel[i];
            BinaryPrimitives.WriteUInt16LittleEndian(body[(p + 2)..], s.Amplitude[i]);
            p += 4;
        }
        end = p;
        return hits;
    }

    /// <summary>Zero suppression: the nonzero cells in increasing index order, each as (index, i32 value).</summary>
    private static int WriteCells(Span<byte> body, int p, int[] cells, out int end)
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
        end = p;
        return count;
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
