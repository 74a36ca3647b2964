namespace NA64.Reco.Physics.Detector;

/// <summary>
/// Synchrotron radiation detector: Pb/Sc modules behind the magnets, stacked along the SR photons' path, beside the
/// deflected beam (physics.md §3, §3a).
/// </summary>
public sealed record SrdConditions
{
    [System.Text.Json.Serialization.JsonPropertyName("zM")]
    public required double ZM { get; init; }
    public required int Modules { get; init; }
    /// <summary>Transverse extent of the modules' front face at <see cref="ZM"/>, in the tracks' x (mm): the SR fan's acceptance.</summary>
    public required double XMinMm { get; init; }
    public required double XMaxMm { get; init; }
    public required double HalfHeightMm { get; init; }
    /// <summary>Probability that an SR photon entering a module converts (showers) in it.</summary>
    public required double ConversionProbability { get; init; }
    /// <summary>Fraction of a converted photon's shower that leaks on into the next module (the rest stays in this one).</summary>
    public required double ShowerShareNextModule { get; init; }
    /// <summary>Visible (scintillator) fraction of the deposited energy: module energies and SRD cuts are in visible MeV.</summary>
    public required double SamplingFraction { get; init; }
    /// <summary>Visible energy a charged particle crossing a module leaves by ionisation.</summary>
    public required double MipVisibleMeV { get; init; }
    public required double TimeResolutionNs { get; init; }
    public required double NoiseMeV { get; init; }
    /// <summary>
    /// Pulses within ±half of this of the event's merge with it (summed, the largest one's time); farther ones are told
    /// apart by the waveform analysis and not counted. A module without a pulse reads a time uniform in it.
    /// </summary>
    public required double ReadoutWindowNs { get; init; }
    /// <summary>Mean number of knock-on electrons (kinetic energy within [min, max]) per module and charged beam particle.</summary>
    public required double DeltaRayPerModule { get; init; }
    public required double DeltaRayMinMeV { get; init; }
    public required double DeltaRayMaxMeV { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Positive("srd.zM", ZM);
        v.Count("srd.modules", Modules, 1, 8);
        v.NonNegative("srd.xMinMm", XMinMm);
        if (!(XMaxMm > XMinMm) || double.IsInfinity(XMaxMm)) throw v.Fail("srd.xMaxMm", $"must be a finite number > xMinMm ({XMinMm}), got {XMaxMm}");
        v.Positive("srd.halfHeightMm", HalfHeightMm);
        v.Fraction("srd.conversionProbability", ConversionProbability);
        v.Fraction("srd.showerShareNextModule", ShowerShareNextModule);
        v.InRange("srd.samplingFraction", SamplingFraction, 1e-3, 1);
        v.NonNegative("srd.mipVisibleMeV", MipVisibleMeV);
        v.Positive("srd.timeResolutionNs", TimeResolutionNs);
        v.NonNegative("srd.noiseMeV", NoiseMeV);
        v.Positive("srd.readoutWindowNs", ReadoutWindowNs);
        v.InRange("srd.deltaRayPerModule", DeltaRayPerModule, 0, 1);
        v.Positive("srd.deltaRayMinMeV", DeltaRayMinMeV);
        if (!(DeltaRayMaxMeV > DeltaRayMinMeV) || double.IsInfinity(DeltaRayMaxMeV))
            throw v.Fail("srd.deltaRayMaxMeV", $"must be a finite number > deltaRayMinMeV ({DeltaRayMinMeV}), got {DeltaRayMaxMeV}");
    }
}
