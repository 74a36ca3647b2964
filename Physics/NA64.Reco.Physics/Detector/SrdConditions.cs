namespace NA64.Reco.Physics.Detector;

/// <summary>Synchrotron radiation detector: Pb/Sc modules behind the magnets (physics.md §3).</summary>
public sealed record SrdConditions
{
    [System.Text.Json.Serialization.JsonPropertyName("zM")]
    public required double ZM { get; init; }
    public required int Modules { get; init; }
    /// <summary>Probability that an SR photon entering a module converts (showers) in it.</summary>
    public required double ConversionProbability { get; init; }
    /// <summary>Fraction of a converted photon's shower that leaks on into the next module (the rest stays in this one).</summary>
    public required double ShowerShareNextModule { get; init; }
    /// <summary>Visible (scintillator) fraction of the deposited energy: module energies and SRD cuts are in visible MeV.</summary>
    public required double SamplingFraction { get; init; }
    public required double TimeResolutionNs { get; init; }
    public required double NoiseMeV { get; init; }
    /// <summary>Probability per module and event of an accidental (pile-up) hit.</summary>
    public required double AccidentalProbability { get; init; }
    public required double AccidentalMeanMeV { get; init; }
    /// <summary>Width of the window in which accidental hits are uniformly distributed in time.</summary>
    public required double AccidentalWindowNs { get; init; }
    /// <summary>Probability per module that a charged hadron's δ-ray deposits energy in it.</summary>
    public required double DeltaRayProbability { get; init; }

    internal void Validate(ConditionsValidator v)
    {
        v.Positive("srd.zM", ZM);
        v.Count("srd.modules", Modules, 1, 8);
        v.Fraction("srd.conversionProbability", ConversionProbability);
        v.Fraction("srd.showerShareNextModule", ShowerShareNextModule);
        v.InRange("srd.samplingFraction", SamplingFraction, 1e-3, 1);
        v.Positive("srd.timeResolutionNs", TimeResolutionNs);
        v.NonNegative("srd.noiseMeV", NoiseMeV);
        v.Fraction("srd.accidentalProbability", AccidentalProbability);
        v.Positive("srd.accidentalMeanMeV", AccidentalMeanMeV);
        v.Positive("srd.accidentalWindowNs", AccidentalWindowNs);
        v.Fraction("srd.deltaRayProbability", DeltaRayProbability);
    }
}
