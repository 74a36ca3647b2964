using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NA64.Reco.Physics.RawData;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; check value of
/// "123456789" is 0xE3069283) on <see cref="BitOperations.Crc32C(uint, ulong)"/>, which uses the SSE4.2 / ARMv8
/// CRC instructions when the CPU has them.
/// <para>The instruction's latency, not its throughput, bounds a single chain, so blocks of 3 × 64 bytes run as three
/// independent chains joined by linearity: Update(r, A‖B) = Shift(r) ⊕ Update(0, B), where Shift(r) = Update(r, 64 zero
/// bytes) is linear in r and tabulated per byte of r (the method of Intel's crc_pcl, with tables instead of a
/// carry-less multiplication). The result is the same CRC.</para>
/// </summary>
internal static class Crc32C
{
    private const int Lane = 64;
    private static readonly uint[] s_shiftLane = BuildShift(Lane);

    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(Initial, data);

    /// <summary>Register value before the first byte; the CRC of a message is the complement of the final register.</summary>
    public const uint Initial = 0xFFFF_FFFFu;

    /// <summary>Feeds more bytes into a running register (for data split over several spans).</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var i = 0;
        if (BitConverter.IsLittleEndian)
            for (; i + 3 * Lane <= data.Length; i += 3 * Lane)
            {
                // Unchecked loads: the loop condition keeps [i, i + 3 × Lane) inside the data.
                ref var a = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), i);
                uint ca = crc, cb = 0, cc = 0;
                for (var k = 0; k < Lane; k += 8)
                {
                    ca = BitOperations.Crc32C(ca, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, k)));
                    cb = BitOperations.Crc32C(cb, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, Lane + k)));
                    cc = BitOperations.Crc32C(cc, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, 2 * Lane + k)));
                }
                crc = ShiftLane(ShiftLane(ca) ^ cb) ^ cc;
            }
        return Serial(crc, data[i..]);
    }

    private static uint Serial(uint crc, ReadOnlySpan<byte> data)
    {
        var i = 0;
        // Eight bytes per instruction; reading them little-endian keeps the byte order of the definition on any CPU.
        for (; i + 8 <= data.Length; i += 8) crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        for (; i < data.Length; i++) crc = BitOperations.Crc32C(crc, data[i]);
        return crc;
    }

    /// <summary>Update(r, <see cref="Lane"/> zero bytes), from the tables of the four bytes of r.</summary>
    private static uint ShiftLane(uint r)
    {
        var t = s_shiftLane;
        return t[(byte)r] ^ t[256 + (byte)(r >> 8)] ^ t[512 + (byte)(r >> 16)] ^ t[768 + (r >> 24)];
    }

    private static uint[] BuildShift(int zeros)
    {
        Span<byte> zero = stackalloc byte[zeros];
        zero.Clear();
        var t = new uint[4 * 256];
        for (var k = 0; k < 4; k++)
            for (var b = 0; b < 256; b++)
                t[k * 256 + b] = Serial((uint)b << (8 * k), zero);
        return t;
    }
}
