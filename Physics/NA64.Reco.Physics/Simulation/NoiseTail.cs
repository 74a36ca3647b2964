namespace NA64.Reco.Physics.Simulation;

/// <summary>
/// The non-Gaussian tail of the calorimeters' and VETO's noise (physics.md §3b): per event a Poisson number of readings
/// of each detector, of mean <c>noiseTailFraction</c> × its channels, have noise of σ·factor instead of σ; drawn as an
/// extra Gaussian of σ·√(factor² − 1) on a uniformly chosen channel. The detectors' Poisson counts are drawn as one
/// Poisson count of the summed mean, each reading then given to a detector in proportion to its mean (the same
/// distribution), so that an event without tail readings (most) costs one uniform.
/// </summary>
internal sealed class NoiseTail
{
    private const int MaxReadings = 8;
    private readonly double[] _cdf = new double[MaxReadings + 1];
    private readonly double[][] _extra;
    private readonly double[] _extraSigma;
    private readonly double[] _detectorBelow;

    /// <param name="extra">Per detector, the per-channel extra noise the tail readings are added into.</param>
    /// <param name="meanReadings">Per detector, the mean number of tail readings per event.</param>
    /// <param name="noise">Per detector, the Gaussian noise σ.</param>
    /// <param name="factor">Per detector, the tail's σ over the Gaussian one.</param>
    public NoiseTail(double[][] extra, double[] meanReadings, double[] noise, double[] factor)
    {
        _extra = extra;
        _extraSigma = new double[extra.Length];
        _detectorBelow = new double[extra.Length];
        var total = 0.0;
        for (var d = 0; d < extra.Length; d++)
        {
            _extraSigma[d] = noise[d] * Math.Sqrt(Math.Max(factor[d] * factor[d] - 1, 0));
            total += meanReadings[d];
        }
        var cum = 0.0;
        for (var d = 0; d < extra.Length; d++)
        {
            cum += meanReadings[d];
            _detectorBelow[d] = total > 0 ? cum / total : 1;
        }
        var term = Math.Exp(-total);
        var sum = 0.0;
        for (var k = 0; k <= MaxReadings; k++)
        {
            sum += term;
            _cdf[k] = sum;
            term *= total / (k + 1);
        }
    }

    /// <summary>Adds this event's tail noise into the extra arrays; false when there is none (they are then untouched).</summary>
    public bool Draw(ref EventRandom rng)
    {
        var u = rng.NextDouble();
        if (u < _cdf[0]) return false;
        for (var k = 0; k < MaxReadings && u >= _cdf[k]; k++)
        {
            var v = rng.NextDouble();
            var d = 0;
            while (d < _detectorBelow.Length - 1 && v >= _detectorBelow[d]) d++;
            var extra = _extra[d];
            extra[rng.NextInt(extra.Length)] += _extraSigma[d] * FastNormal.Sample(ref rng);
        }
        return true;
    }
}
