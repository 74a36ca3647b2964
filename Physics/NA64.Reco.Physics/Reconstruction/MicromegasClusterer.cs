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
    /// <summary>[a × channels + b] → lower strip of the adjacent pair lighting channels a and b, or −1.</summary>
    private readonly short[] _pairToStrip;
    private readonly double[] _strip0Mm;
    private readonly double _pitchMm;

    // Scratch, cleaned after each plane so that nothing large is cleared per event. Amplitudes and fired
    // channels are indexed [plane × channels + channel].
    private readonly int[] _channelAmp;
    private readonly int[] _fired;
    private readonly int[] _firedCount;
    private readonly bool[] _channelUsed;
    private readonly int[] _pairs;
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
        _pairToStrip = new short[_channels * _channels];
        Array.Fill(_pairToStrip, (short)-1);
        for (var s = 0; s + 1 < _strips; s++)
        {
            int a = _stripToChannel[s], b = _stripToChannel[s + 1];
            _pairToStrip[a * _channels + b] = (short)s;
            _pairToStrip[b * _channels + a] = (short)s;
        }
        _strip0Mm = new double[_planes];
        for (var p = 0; p < _planes; p++) _strip0Mm[p] = geometry.StripCentreMm(p >> 1, (p & 1) == 1, 0);
        _pitchMm = mm.PitchMm;
        _channelAmp = new int[_planes * _channels];
        _fired = new int[_planes * _channels];
        _firedCount = new int[_planes];
        _channelUsed = new bool[_channels];
        _pairs = new int[_strips + 1]; // at most strips − 1 real pairs, plus the one speculative write
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
        var amps = _channelAmp.AsSpan();
        var fired = _fired.AsSpan();
        firedCount.Clear();
        // Hits come grouped by plane: a group's fired count stays in a register instead of a memory round trip per hit.
        for (var h = 0; h < planeOf.Length;)
        {
            int p = planeOf[h];
            if (p >= _planes) { h++; continue; }
            var planeBase = p * _channels;
            var count = firedCount[p];
            do
            {
                int ch = channelOf[h], a = ampOf[h];
                if (a != 0 && ch < _channels)
                {
                    if (amps[planeBase + ch] == 0) fired[planeBase + count++] = ch;
                    amps[planeBase + ch] += a;
                }
                h++;
            } while (h < planeOf.Length && planeOf[h] == p);
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

        // Lower strips of the fired adjacent-channel pairs, collected without branches (the test is unpredictable):
        // every lookup is written, and the count only advances for a real pair (s ≥ 0).
        var pairs = _pairs.AsSpan();
        var n = 0;
        for (var i = 0; i < firedChannels.Length; i++)
        {
            var row = _pairToStrip.AsSpan(firedChannels[i] * _channels, _channels);
            for (var j = i + 1; j < firedChannels.Length; j++)
            {
                int s = row[firedChannels[j]];
                pairs[n] = s;
                n += (s >> 31) + 1;
            }
        }
        InsertionSort(_pairs, n);

        // Runs: chains of consecutive pair strips s, s+1, … cover strips s_first … s_last + 1. Two lit strips side by
        // side always form a pair themselves, so no run is split by this construction.
        var runs = 0;
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && pairs[j] == pairs[j - 1] + 1) j++;
            int first = pairs[i], end = pairs[j - 1] + 2;
            var amp = 0;
            for (var s = first; s < end; s++) amp += amps[map[s]];
            _runStart[runs] = first;
            _runLength[runs] = end - first;
            _runAmp[runs] = amp;
            _runOrder[runs] = runs;
            runs++;
            i = j;
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
        var count = 0;
        for (var i = 0; i < runs; i++)
        {
            var r = _runOrder[i];
            int start = _runStart[r], end = start + _runLength[r];
            var free = true;
            if (runs > 1)
                for (var s = start; s < end && free; s++) free = !_channelUsed[_stripToChannel[s]];
            if (!free) continue;
            double sumA = 0, sumAs = 0;
            for (var s = start; s < end; s++)
            {
                _channelUsed[_stripToChannel[s]] = true;
                double a = amps[map[s]];
                sumA += a;
                sumAs += a * s;
            }
            if (count == RecoEvent.MaxClustersPerPlane) { into.ClustersDropped++; continue; }
            into.ClusterPositionMm[baseIndex + count] = _strip0Mm[plane] + sumAs / sumA * _pitchMm;
            into.ClusterChargeAdc[baseIndex + count] = sumA;
            into.ClusterWidth[baseIndex + count] = end - start;
            count++;
        }
        into.ClusterCount[plane] = count;

        // Clean the scratch touched by this plane; count the channels nothing explained.
        foreach (var ch in firedChannels)
        {
            if (!_channelUsed[ch]) into.AmbiguousChannels++;
            _channelUsed[ch] = false;
            amps[ch] = 0;
        }
    }

    private bool Before(int r, int q) =>
        _runLength[r] != _runLength[q] ? _runLength[r] > _runLength[q]
        : _runAmp[r] != _runAmp[q] ? _runAmp[r] > _runAmp[q]
        : _runStart[r] < _runStart[q];

    private static void InsertionSort(int[] a, int n)
    {
        for (var i = 1; i < n; i++)
        {
            var v = a[i];
            var k = i - 1;
            while (k >= 0 && a[k] > v) { a[k + 1] = a[k]; k--; }
            a[k + 1] = v;
        }
    }
}
