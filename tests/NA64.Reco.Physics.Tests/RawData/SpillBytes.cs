using System.Buffers.Binary;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>
/// Walks a raw file with nothing but docs/raw-format.md (an independent reader of the layout), so that tests can
/// name the offsets at which the real reader must report errors, and can edit blocks with a valid CRC.
/// </summary>
internal static class SpillBytes
{
    public static int HeaderLength(byte[] file) => (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));

    /// <summary>Offsets of the event blocks, following the length fields up to the end-of-events marker.</summary>
    public static List<int> BlockOffsets(byte[] file)
    {
        var offsets = new List<int>();
        var at = HeaderLength(file);
        for (var length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)); length != 0xFFFF_FFFF; length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)))
        {
            offsets.Add(at);
            at += 8 + (int)length;
        }
        return offsets;
    }

    public static int IndexOffset(byte[] file) => (int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(file.Length - 32));

    public static void SetBlockLength(byte[] file, int block, uint length) => BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(block), length);

    /// <summary>Edits a block body in place and stores its new CRC-32C, as a buggy but checksumming writer would.</summary>
    public static void EditBody(byte[] file, int block, Action<byte[]> edit)
    {
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(block));
        var body = file.AsSpan(block + 8, length).ToArray();
        edit(body);
        body.CopyTo(file.AsSpan(block + 8));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(block + 4), Crc32C(body));
    }

    /// <summary>Bitwise CRC-32C straight from the definition (reflected 0x82F63B78, init and final XOR 0xFFFFFFFF).</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78u : crc >> 1;
        }
        return ~crc;
    }
}
