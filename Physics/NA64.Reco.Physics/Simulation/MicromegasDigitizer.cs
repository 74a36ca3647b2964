using System.Numerics;
using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// Micromegas response. Per plane (index station × 2 + 0 for X, 1 for Y): with probability <c>Efficiency</c> the track
/// makes a cluster centred at its true position smeared by <c>ResolutionMm</c>; its charge is <c>ClusterChargeAdc</c>
/// times a Landau-like (Moyal) fluctuation, shared over strips by a Gaussian of σ <c>ChargeSpreadMm</c> integrated
/// over each strip (strip s covers [centre − size/2 + s·pitch, … + pitch), as in <see cref="DetectorGeometry"/>).
/// Strip signals are summed per readout channel (<c>StripToChannel</c>), then each lit channel gets Gaussian noise
/// σ <c>NoiseAdc</c> and is kept if ≥ <c>ThresholdAdc</c>. With probability <c>NoiseHitProbability</c> a plane also gets
/// one random noise channel of threshold + exponential(2 σ_noise). Hits are written per plane in increasing channel order.
/// </summary>
internal sealed class MicromegasDigitizer
{
    private const int MoyalTableSize = 1024;
    private const double MoyalMean = 1.2703628454614782; // γ_E + ln 2
    private const double MoyalScale = 0.15;              // relative width of the charge fluctuation per unit of Moyal variate

    private readonly DetectorConditions _c;
    private readonly DetectorGeometry _geometry;
    private readonly int[] _stripToChannel;
    private readonly double[] _channelSignal;
    private readonly bool[] _channelLit;
    private readonly int[] _lit;
    private readonly double[] _moyalCharge;
    private const int SubStripBins = 64;
    private readonly int _halfWidthStrips;
    private readonly int _span;
    /// <summary>Charge fraction of strip offset o for a cluster centre at sub-strip position j/64: [j · span + o + half].</summary>
    private readonly double[] _stripFraction;
    private readonly double _minStripSignal;

    public MicromegasDigitizer(DetectorConditions c, DetectorGeometry geometry)
    {
        _c = c;
        _geometry = geometry;
        var mm = c.Micromegas;
        if (2 * mm.Stations.Length > RawEvent.MaxMicromegasPlanes)
            throw new ArgumentException($"{mm.Stations.Length} Micromegas stations exceed the raw event's {RawEvent.MaxMicromegasPlanes} planes");
        _stripToChannel = mm.StripToChannel;
        _channelSignal = new double[mm.Channels];
        _channelLit = new bool[mm.Channels];
        _lit = new int[mm.Channels];
        var sigmaStrips = mm.ChargeSpreadMm / mm.PitchMm;
        _halfWidthStrips = (int)Math.Ceiling(3.5 * sigmaStrips) + 1;
        _span = 2 * _halfWidthStrips + 1;
        // The Gaussian integrated over each strip, tabulated against where in its strip the cluster centre lies.
        _stripFraction = new double[(SubStripBins + 1) * _span];
        for (var j = 0; j <= SubStripBins; j++)
        {
            var f = (double)j / SubStripBins;
            for (var o = -_halfWidthStrips; o <= _halfWidthStrips; o++)
                _stripFraction[j * _span + o + _halfWidthStrips] =
                    FastNormal.Cdf((o + 1 - f) / sigmaStrips) - FastNormal.Cdf((o - f) / sigmaStrips);
        }
        // A strip whose signal is 3.5 σ_noise below threshold fires with probability < 2.4e-4: not worth a noise draw.
        _minStripSignal = Math.Max(0.5, mm.ThresholdAdc - 3.5 * mm.NoiseAdc);
        // Charge scale factors from the Moyal quantile (Moyal 1955: CDF = erfc(e^{−x/2}/√2), so x(u) = −2 ln(−Φ⁻¹(u/2))),
        // mapped to a positive factor with mean ≈ 1 and clipped to [0.3, 4].
        _moyalCharge = new double[MoyalTableSize + 1];
        for (var k = 0; k <= MoyalTableSize; k++)
        {
            var u = Math.Clamp((double)k / MoyalTableSize, 1e-9, 1 - 1e-9);
            var x = -2 * Math.Log(-FastNormal.Quantile(u / 2));
            _moyalCharge[k] = Math.Clamp(1 + MoyalScale * (x - MoyalMean), 0.3, 4.0);
        }
    }

    /// <summary>Adds the hits of every plane for a particle on <paramref name="track"/> .</summary>
    public void Digitize(ref EventRandom rng, in Trajectory track, RawEvent ev)
    {
        var mm = _c.Micromegas;
        var zc = _c.Magnet.ZCentreM;
        for (var st = 0; st < mm.Stations.Length; st++)
        {
            var z = mm.Stations[st].ZM;
            DigitizePlane(ref rng, st, false, track.X(z, zc), ev);
            DigitizePlane(ref rng, st, true, track.Y(z), ev);
        }
    }

    private void DigitizePlane(ref EventRandom rng, int station, bool yPlane, double trueMm, RawEvent ev)
    {
        var mm = _c.Micromegas;
        // The generator state in a local (written back at the end): through the ref it would go to memory on every draw.
        var r = rng;
        var nLit = 0;
        // With at most 64 channels the lit ones are a bit set, read out in increasing order without sorting.
        ulong litSet = 0;
        var small = mm.Channels <= 64;
        if (r.Chance(mm.Efficiency))
        {
            var centre = _geometry.StripCoordinate(station, yPlane, trueMm + mm.ResolutionMm * FastNormal.Sample(ref r));
            var charge = mm.ClusterChargeAdc * SampleChargeFactor(ref r);
            if (centre >= 0 && centre < mm.Strips)
            {
                var strip = (int)centre;
                var u = (centre - strip) * SubStripBins;
                var j = Math.Min((int)u, SubStripBins - 1);
                var t = u - j;
                var o0 = Math.Max(-_halfWidthStrips, -strip);
                var o1 = Math.Min(_halfWidthStrips, mm.Strips - 1 - strip);
                if (small) litSet = Spread(strip, charge, t, j * _span, o0, o1);
                else
                    for (var o = o0; o <= o1; o++)
                    {
                        var k = o + _halfWidthStrips;
                        var q = charge * (_stripFraction[j * _span + k] + (_stripFraction[(j + 1) * _span + k] - _stripFraction[j * _span + k]) * t);
                        if (!(q < _minStripSignal)) nLit = Light(_stripToChannel[strip + o], q, nLit);
                    }
            }
        }
        if (r.Chance(mm.NoiseHitProbability))
        {
            var channel = r.NextInt(mm.Channels);
            var q = mm.ThresholdAdc + r.NextExponential(2 * mm.NoiseAdc + 1);
            if (small)
            {
                _channelSignal[channel] += q;
                litSet |= 1UL << channel;
            }
            else nLit = Light(channel, q, nLit);
        }

        var plane = station * 2 + (yPlane ? 1 : 0);
        double noise = mm.NoiseAdc, threshold = mm.ThresholdAdc;
        if (small)
        {
            ReadOut(ref r, litSet, plane, ev);
            rng = r;
            return;
        }
        // Increasing channel order; at most a dozen channels, so insertion sort.
        for (var i = 1; i < nLit; i++)
        {
            var v = _lit[i];
            var j = i - 1;
            while (j >= 0 && _lit[j] > v) { _lit[j + 1] = _lit[j]; j--; }
            _lit[j + 1] = v;
        }
        for (var i = 0; i < nLit; i++)
        {
            var ch = _lit[i];
            var amplitude = _channelSignal[ch] + noise * FastNormal.Sample(ref r);
            _channelSignal[ch] = 0;
            _channelLit[ch] = false;
            if (amplitude >= threshold) ev.AddMicromegasHit(plane, ch, (int)(amplitude + 0.5));
        }
        rng = r;
    }

    /// <summary>Adds the charge of a cluster to the strips around <paramref name="strip"/>; returns the lit channels as a bit set.</summary>
    private ulong Spread(int strip, double charge, double t, int row0, int o0, int o1)
    {
        var table = _stripFraction;
        var row1 = row0 + _span;
        var half = _halfWidthStrips;
        var minSignal = _minStripSignal;
        var signal = _channelSignal;
        var map = _stripToChannel;
        ulong lit = 0;
        for (var o = o0; o <= o1; o++)
        {
            var k = o + half;
            var q = charge * (table[row0 + k] + (table[row1 + k] - table[row0 + k]) * t);
            if (q < minSignal) continue;
            var channel = map[strip + o];
            signal[channel] += q;
            lit |= 1UL << channel;
        }
        return lit;
    }

    /// <summary>Noise and threshold for the lit channels (a bit set), in increasing channel order; clears their signals.</summary>
    private void ReadOut(ref EventRandom rng, ulong lit, int plane, RawEvent ev)
    {
        var r = rng;
        var mm = _c.Micromegas;
        double noise = mm.NoiseAdc, threshold = mm.ThresholdAdc;
        var signal = _channelSignal;
        while (lit != 0)
        {
            var ch = BitOperations.TrailingZeroCount(lit);
            lit &= lit - 1;
            var amplitude = signal[ch] + noise * FastNormal.Sample(ref r);
            signal[ch] = 0;
            if (amplitude >= threshold) ev.AddMicromegasHit(plane, ch, (int)(amplitude + 0.5));
        }
        rng = r;
    }

    private int Light(int channel, double signal, int nLit)
    {
        _channelSignal[channel] += signal;
        if (_channelLit[channel]) return nLit;
        _channelLit[channel] = true;
        _lit[nLit] = channel;
        return nLit + 1;
    }

    private double SampleChargeFactor(ref EventRandom rng)
    {
        var u = rng.NextDouble() * MoyalTableSize;
        var k = (int)u;
        return _moyalCharge[k] + (_moyalCharge[k + 1] - _moyalCharge[k]) * (u - k);
    }
}
