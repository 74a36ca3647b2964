namespace NA64.Reco.Physics.Detector;

/// <summary>Micromegas trackers: geometry, strips, multiplexing map and response (physics.md §3, §6).</summary>
public sealed record MicromegasConditions
{
    /// <summary>Stations in beam order; the first <see cref="UpstreamStations"/> are before the magnets.</summary>
    public required MicromegasStation[] Stations { get; init; }
    public required int UpstreamStations { get; init; }
    public required double SizeMm { get; init; }
    public required int Strips { get; init; }
    public required double PitchMm { get; init; }
    public required int Channels { get; init; }
    public required int MultiplexingFactor { get; init; }
    public required double ResolutionMm { get; init; }
    public required double Efficiency { get; init; }
    /// <summary>Mean total charge of a track cluster, ADC counts.</summary>
    public required double ClusterChargeAdc { get; init; }
    /// <summary>σ of the induced-charge spread across strips.</summary>
    public required double ChargeSpreadMm { get; init; }
    public required double NoiseAdc { get; init; }
    public required int ThresholdAdc { get; init; }
    /// <summary>Probability per plane and event of one random noise channel above threshold.</summary>
    public required double NoiseHitProbability { get; init; }
    /// <summary>Channel (0..Channels−1) read out for each strip (0..Strips−1).</summary>
    public required int[] StripToChannel { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Count("micromegas.stations (count)", Stations.Length, 4, 16);
        v.NoNullElements("micromegas.stations", Stations);
        for (var i = 0; i < Stations.Length; i++)
        {
            var s = Stations[i];
            v.NotEmpty($"micromegas.stations[{i}].name", s.Name);
            if (i > 0 && !(s.ZM > Stations[i - 1].ZM)) throw v.Fail($"micromegas.stations[{i}].zM", "stations must be in increasing z");
        }
        v.Count("micromegas.upstreamStations", UpstreamStations, 2, Stations.Length - 2);
        v.Positive("micromegas.sizeMm", SizeMm);
        v.Count("micromegas.strips", Strips, 8, 4096);
        v.Positive("micromegas.pitchMm", PitchMm);
        v.Count("micromegas.channels", Channels, 2, 256);
        v.Count("micromegas.multiplexingFactor", MultiplexingFactor, 1, 16);
        if (Channels * MultiplexingFactor != Strips)
            throw v.Fail("micromegas.multiplexingFactor", $"channels × factor must equal strips ({Channels} × {MultiplexingFactor} ≠ {Strips})");
        if (Math.Abs(Strips * PitchMm - SizeMm) > 1e-6)
            throw v.Fail("micromegas.pitchMm", $"strips × pitch must equal sizeMm ({Strips} × {PitchMm} ≠ {SizeMm})");
        v.InRange("micromegas.resolutionMm", ResolutionMm, 0, SizeMm);
        v.Fraction("micromegas.efficiency", Efficiency);
        v.Positive("micromegas.clusterChargeAdc", ClusterChargeAdc);
        v.Positive("micromegas.chargeSpreadMm", ChargeSpreadMm);
        v.NonNegative("micromegas.noiseAdc", NoiseAdc);
        v.Count("micromegas.thresholdAdc", ThresholdAdc, 0, ushort.MaxValue);
        v.Fraction("micromegas.noiseHitProbability", NoiseHitProbability);
        MultiplexingMap.Validate(this, v);
    }
}
