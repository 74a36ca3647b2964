using System.Numerics;
using System.Runtime.CompilerServices;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64: a small, fast, portable generator whose
/// stream depends only on its seed. A mutable struct: pass it by <c>ref</c>.
/// </summary>
public struct EventRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public EventRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The stream of one event: depends on (sample seed, spill, event number) alone, so any chunking reproduces it.</summary>
    public static EventRandom ForEvent(ulong sampleSeed, int spill, long eventNumber)
    {
        var h = Mix(sampleSeed ^ 0x4E413634_52454330UL); // "NA64RECO"
        h = Mix(h ^ (ulong)(uint)spill);
        h = Mix(h ^ (ulong)eventNumber);
        return new EventRandom(h);
    }

    /// <summary>Derives a child seed, e.g. (campaign seed, sample index) → sample seed.</summary>
    public static ulong DeriveSeed(ulong parent, ulong index) => Mix(Mix(parent) ^ index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe to take the logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDoubleNonZero() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal deviate (Marsaglia polar method; one value per call, deterministic).</summary>
    public double NextGaussian()
    {
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.Sqrt(-2 * Math.Log(s) / s);
    }

    /// <summary>Exponential deviate of the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(NextDoubleNonZero());

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
