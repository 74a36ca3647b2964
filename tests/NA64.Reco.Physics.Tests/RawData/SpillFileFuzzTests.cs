using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation;

namespace NA64.Reco.Physics.Tests.RawData;

/// <summary>Damaged files of every kind give a <see cref="RawFormatException"/> or valid events: never another exception.</summary>
public sealed class SpillFileFuzzTests
{
    private const int Events = 4;

    [Fact]
    public void Largest_body_is_the_documented_bound_for_the_default_detector()
    {
        // 12 fixed + seven section prefixes of 4 + 512 hits × 4 + SRD 2 × 3 × 5 + ECAL 2 × 36 × 5 + HCAL 36 × 5 + VETO 3 × 5
        // + truth 59.
        Assert.Equal(2732, SpillFileLayout.From(SpillFiles.Conditions).MaxBodyBytes);
        Assert.Equal(12 + 7 * 4 + 4 * 512 + 2 * 4096 * 6 + 2 * 255 * 5 + 255 * 255 * 6 + 255 * 5 + 59,
            SpillFileLayout.Standard(255, 4096, 255, 255, 255, 32, 256).MaxBodyBytes);
        // Format v1: 24 fixed (its count table) and no section prefixes.
        Assert.Equal(2716, SpillFileLayout.From(SpillFiles.Conditions).MaxBodyBytesV1);
    }

    [Fact]
    public void Random_damage_never_escapes_as_another_exception()
    {
        using var file = SpillFiles.Write(Events);
        var good = file.Bytes;
        var blocks = SpillBytes.BlockOffsets(good);
        var r = new EventRandom(2026);
        var outcomes = new Dictionary<RawFormatError, int>();
        for (var trial = 0; trial < 600; trial++)
        {
            var b = (byte[])good.Clone();
            switch (trial % 3)
            {
                case 0: // a flipped bit anywhere
                    b[r.NextInt(b.Length)] ^= (byte)(1 << r.NextInt(8));
                    break;
                case 1: // cut anywhere
                    b = b[..r.NextInt(b.Length)];
                    break;
                default: // a changed body byte with a recomputed CRC: only the decoder's own checks can catch it
                    var block = blocks[r.NextInt(blocks.Count)];
                    var at = r.NextInt(BitConverter.ToInt32(b, block));
                    var value = (byte)r.NextInt(256);
                    SpillBytes.EditBody(b, block, x => x[at] = value);
                    break;
            }
            foreach (var useIndex in new[] { true, false })
            {
                var error = ReadAll(b, useIndex);
                if (error is not null) outcomes[error.Value] = outcomes.GetValueOrDefault(error.Value) + 1;
            }
        }
        foreach (var reason in new[]
                 {
                     RawFormatError.Truncated, RawFormatError.ChecksumMismatch, RawFormatError.CorruptBlock,
                     RawFormatError.ChannelOutOfRange, RawFormatError.CorruptIndex,
                 })
        {
            Assert.True(outcomes.ContainsKey(reason), $"no trial produced {reason}");
        }
    }

    /// <summary>Reads everything a reader offers; returns the format error, if any. Any other exception fails the test.</summary>
    private static RawFormatError? ReadAll(byte[] bytes, bool useIndex)
    {
        try
        {
            using var reader = new SpillFileReader(new MemoryStream(bytes, writable: false), "fuzz", useIndex);
            var e = reader.CreateEvent();
            if (useIndex)
            {
                for (var n = reader.EventCount - 1; n >= 0; n--) reader.ReadEvent(n, e);
            }
            else
            {
                while (reader.TryReadNext(e)) { }
            }
            return null;
        }
        catch (RawFormatException x)
        {
            Assert.InRange(x.Offset, 0, bytes.Length);
            return x.Reason;
        }
    }
}
