using System.Buffers.Binary;
using System.Numerics;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; check value of
/// "123456789" is 0xE3069283) on <see cref="BitOperations.Crc32C(uint, ulong)"/>, which uses the SSE4.2 / ARMv8
/// CRC instructions when the CPU has them.
/// </summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(Initial, data);

    /// <summary>Register value before the first byte; the CRC of a message is the complement of the final register.</summary>
    public const uint Initial = 0xFFFF_FFFFu;

    /// <summary>Feeds more bytes into a running register (for data split over several spans).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var i = 0;
        // Eight bytes per instruction; reading them little-endian keeps the byte order of the definition on any CPU.
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return crc;
    }
}
