using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Reconstruction;

/// <summary>
/// Micromegas clustering and de-multiplexing (physics.md §6). Each channel reads several strips; a track lights
/// two or more neighbouring strips, and every pair of channels lit by adjacent strips occurs at exactly one place
/// of the plane (<see cref="MultiplexingMap"/>). So each pair of fired channels that is such an adjacent pair names
/// two strips; contiguous runs of named strips are the clusters, and their centre of gravity is the hit.
/// A fired channel also pairs by chance with another cluster's channel somewhere else (a "ghost" pair): since one
/// channel carries one strip's charge, runs are accepted longest (then largest) first and a run reusing an accepted
/// run's channel is rejected. A lone channel (no partner) could be any of its strips and is dropped.
/// </summary>
public sealed class MicromegasClusterer
{
    private readonly int _planes;
    private readonly int _channels;
    private readonly int _strips;
    private readonly int[] _stripToChannel;
    private readonly int _words;
    /// <summary>Words per strip set rounded up to whole vectors (the stride of <see cref="_channelStrips"/>).</summary>
    private readonly int _stride;
    /// <summary>[channel × stride + w]: bit set of the strips the channel reads.</summary>
    private readonly ulong[] _channelStrips;
    /// <summary>Bit s set when strips s, s + 1 read two different channels that no other adjacent pair reads.</summary>
    private readonly ulong[] _uniquePair;
    private readonly double[] _strip0Mm;
    private readonly double _pitchMm;

    // Scratch, cleaned after each plane so that nothing large is cleared per event. Amplitudes and fired
    // channels are indexed [plane × channels + channel].
    private readonly int[] _channelAmp;
    private readonly int[] _fired;
    private readonly int[] _firedCount;
    private readonly bool[] _channelUsed;
    private readonly ulong[] _lit;
    private readonly int[] _runStart;
    private readonly int[] _runLength;
    private readonly int[] _runAmp;
    private readonly int[] _runOrder;

    public MicromegasClusterer(DetectorConditions conditions)
    {
        var mm = conditions.Micromegas;
        var geometry = new DetectorGeometry(conditions);
        _planes = mm.Stations.Length * 2;
        _channels = mm.Channels;
        _strips = mm.Strips;
        _stripToChannel = (int[])mm.StripToChannel.Clone();
        // Strips as bit sets: the strips of the fired channels are OR-ed together, and every adjacent pair of lit strips
        // is a pair of fired channels; a run of such pairs is a cluster, found in strip order without sorting.
        _words = (_strips + 63) >> 6;
        _stride = (_words + Vector256<ulong>.Count - 1) / Vector256<ulong>.Count * Vector256<ulong>.Count;
        _channelStrips = new ulong[_channels * _stride];
        for (var s = 0; s < _strips; s++) _channelStrips[_stripToChannel[s] * _stride + (s >> 6)] |= 1UL << s;
        var pairToStrip = new int[_channels * _channels];
        Array.Fill(pairToStrip, -1);
        for (var s = 0; s + 1 < _strips; s++)
        {
            int a = _stripToChannel[s], b = _stripToChannel[s + 1];
            pairToStrip[a * _channels + b] = s;
            pairToStrip[b * _channels + a] = s;
        }
        // Validated conditions make every pair unique; were one not, the pair names only the strip its lookup gives.
        _uniquePair = new ulong[_words];
        for (var s = 0; s + 1 < _strips; s++)
        {
            int a = _stripToChannel[s], b = _stripToChannel[s + 1];
            if (a != b && pairToStrip[a * _channels + b] == s) _uniquePair[s >> 6] |= 1UL << s;
        }
        _strip0Mm = new double[_planes];
        for (var p = 0; p < _planes; p++) _strip0Mm[p] = geometry.StripCentreMm(p >> 1, (p & 1) == 1, 0);
        _pitchMm = mm.PitchMm;
        _channelAmp = new int[_planes * _channels];
        _fired = new int[_planes * _channels];
        _firedCount = new int[_planes];
        _channelUsed = new bool[_channels];
        _lit = new ulong[_stride];
        _runStart = new int[_strips];
        _runLength = new int[_strips];
        _runAmp = new int[_strips];
        _runOrder = new int[_strips];
    }

    /// <summary>Fills the cluster arrays of <paramref name="into"/> from the Micromegas hits of <paramref name="raw"/>.</summary>
    public void Reconstruct(RawEvent raw, RecoEvent into)
    {
        // One pass buckets the hits by plane: amplitudes summed per channel, fired channels listed per plane.
        var hits = raw.MicromegasHitCount;
        var planeOf = raw.MicromegasPlane.AsSpan(0, hits);
        var channelOf = raw.MicromegasChannel.AsSpan(0, hits);
        var ampOf = raw.MicromegasAmplitude.AsSpan(0, hits);
        var firedCount = _firedCount.AsSpan();
        firedCount.Clear();
        // Unchecked access in the loop (it runs for every hit): the spans above checked the hit count, plane and
        // channel are checked below, and a plane lists each of its channels at most once, so every index is in range.
        ref var plane0 = ref MemoryMarshal.GetReference(planeOf);
        ref var channel0 = ref MemoryMarshal.GetReference(channelOf);
        ref var amp0 = ref MemoryMarshal.GetReference(ampOf);
        ref var amps = ref MemoryMarshal.GetArrayDataReference(_channelAmp);
        ref var fired = ref MemoryMarshal.GetArrayDataReference(_fired);
        int planes = _planes, channels = _channels;
        // Hits come grouped by plane: a group's fired count stays in a register instead of a memory round trip per hit.
        for (var h = 0; h < hits;)
        {
            int p = Unsafe.Add(ref plane0, h);
            if (p >= planes) { h++; continue; }
            var planeBase = p * channels;
            var count = firedCount[p];
            do
            {
                int ch = Unsafe.Add(ref channel0, h), a = Unsafe.Add(ref amp0, h);
                if (a != 0 && ch < channels)
                {
                    ref var amp = ref Unsafe.Add(ref amps, planeBase + ch);
                    if (amp == 0) Unsafe.Add(ref fired, planeBase + count++) = ch;
                    amp += a;
                }
                h++;
            } while (h < hits && Unsafe.Add(ref plane0, h) == p);
            firedCount[p] = count;
        }
        for (var p = 0; p < _planes; p++)
        {
            into.ClusterCount[p] = 0;
            if (firedCount[p] > 0) ClusterPlane(p, firedCount[p], into);
        }
    }

    private void ClusterPlane(int plane, int fired, RecoEvent into)
    {
        var planeBase = plane * _channels;
        var firedChannels = _fired.AsSpan(planeBase, fired);
        var amps = _channelAmp.AsSpan(planeBase, _channels);
        if (fired == 1)
        {
            into.AmbiguousChannels++;
            amps[firedChannels[0]] = 0;
            return;
        }
        var map = _stripToChannel.AsSpan();

        // Lit strips: those read by a fired channel. Pair bits: lit strips s whose neighbour s + 1 is lit too.
        // A vector of words at a time, accumulated in a register over the fired channels.
        // Unchecked loads: fired channels are below the channel count (checked when bucketed) and w below the stride.
        var stride = _stride;
        ref var channelStrips = ref MemoryMarshal.GetArrayDataReference(_channelStrips);
        if (stride == 2 * Vector256<ulong>.Count)
        {
            // Up to 512 strips (the usual case): both vectors in one pass over the channels, one loop exit to predict.
            Vector256<ulong> low = Vector256<ulong>.Zero, high = Vector256<ulong>.Zero;
            foreach (var ch in firedChannels)
            {
                low |= Vector256.LoadUnsafe(ref channelStrips, (nuint)(ch * stride));
                high |= Vector256.LoadUnsafe(ref channelStrips, (nuint)(ch * stride + Vector256<ulong>.Count));
            }
            low.StoreUnsafe(ref _lit[0]);
            high.StoreUnsafe(ref _lit[0], (nuint)Vector256<ulong>.Count);
        }
        else
            for (var w = 0; w < stride; w += Vector256<ulong>.Count)
            {
                var acc = Vector256<ulong>.Zero;
                foreach (var ch in firedChannels) acc |= Vector256.LoadUnsafe(ref channelStrips, (nuint)(ch * stride + w));
                acc.StoreUnsafe(ref _lit[0], (nuint)w);
            }
        var words = _words;
        var lit = _lit.AsSpan(0, words);
        var unique = _uniquePair.AsSpan(0, words);
        for (var w = 0; w < lit.Length; w++)
        {
            var next = w + 1 < lit.Length ? lit[w + 1] << 63 : 0;
            lit[w] &= ((lit[w] >> 1) | next) & unique[w];
        }

        // Runs: chains of consecutive pair strips s, s+1, … cover strips s_first … s_last + 1. Two lit strips side by
        // side always form a pair themselves, so no run is split by this construction.
        var runs = 0;
        for (var w = 0; w < lit.Length; w++)
        {
            var bits = lit[w];
            while (bits != 0)
            {
                var tz = BitOperations.TrailingZeroCount(bits);
                var length = BitOperations.TrailingZeroCount(~(bits >> tz)); // pair bits in the run, within this word
                var first = (w << 6) + tz;
                if (tz + length < 64) bits &= ~(((1UL << length) - 1) << tz);
                else
                {
                    // The run reaches the top of the word: it goes on in the next ones, whose bits it takes.
                    bits = 0;
                    var k = w + 1;
                    for (; k < lit.Length && lit[k] == ulong.MaxValue; k++) { length += 64; lit[k] = 0; }
                    if (k < lit.Length)
                    {
                        var more = BitOperations.TrailingZeroCount(~lit[k]);
                        length += more;
                        lit[k] &= ~((1UL << more) - 1);
                    }
                }
                _runStart[runs] = first;
                _runLength[runs] = length + 1; // pairs s … s + length − 1 cover strips s … s + length
                _runOrder[runs] = runs;
                runs++;
            }
        }
        if (runs > 1)
            for (var r = 0; r < runs; r++)
            {
                var amp = 0;
                for (var s = _runStart[r]; s < _runStart[r] + _runLength[r]; s++) amp += amps[map[s]];
                _runAmp[r] = amp;
            }

        // Longest, then largest, first; ties keep strip order so that the result is deterministic.
        // (A single run, the usual case, needs neither ordering nor the channel check below.)
        for (var i = 1; i < runs; i++)
        {
            var r = _runOrder[i];
            var k = i - 1;
            while (k >= 0 && Before(r, _runOrder[k])) { _runOrder[k + 1] = _runOrder[k]; k--; }
            _runOrder[k + 1] = r;
        }

        var baseIndex = plane * RecoEvent.MaxClustersPerPlane;
        var used = _channelUsed.AsSpan();
        var count = 0;
        for (var i = 0; i < runs; i++)
        {
            var r = _runOrder[i];
            int start = _runStart[r], end = start + _runLength[r];
            var free = true;
            if (runs > 1)
                for (var s = start; s < end && free; s++) free = !used[map[s]];
            if (!free) continue;
            // Integer sums: every partial sum of the former double sums was an exact integer, so the values are the same.
            long sumA = 0, sumAs = 0;
            for (var s = start; s < end; s++)
            {
                var ch = map[s];
                used[ch] = true;
                long a = amps[ch];
                sumA += a;
                sumAs += a * s;
            }
            if (count == RecoEvent.MaxClustersPerPlane) { into.ClustersDropped++; continue; }
            into.ClusterPositionMm[baseIndex + count] = _strip0Mm[plane] + (double)sumAs / sumA * _pitchMm;
            into.ClusterChargeAdc[baseIndex + count] = sumA;
            into.ClusterWidth[baseIndex + count] = end - start;
            count++;
        }
        into.ClusterCount[plane] = count;

        // Clean the scratch touched by this plane; count the channels nothing explained.
        var ambiguous = 0;
        foreach (var ch in firedChannels)
        {
            ambiguous += used[ch] ? 0 : 1;
            used[ch] = false;
            amps[ch] = 0;
        }
        into.AmbiguousChannels += ambiguous;
    }

    private bool Before(int r, int q) =>
        _runLength[r] != _runLength[q] ? _runLength[r] > _runLength[q]
        : _runAmp[r] != _runAmp[q] ? _runAmp[r] > _runAmp[q]
        : _runStart[r] < _runStart[q];
}
