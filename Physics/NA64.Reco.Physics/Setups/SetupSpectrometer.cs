using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// A magnetic spectrometer of a setup (docs/setups.md, "spectrometers"): a dipole of field integral ∫B dl between two
/// tracker segments, each two planes a lever arm apart, measuring the momentum from the kink of the track
/// (physics.md §8b, "Spectrometers").
/// </summary>
/// <param name="Name">The stations it stands for, e.g. <c>MS2</c>.</param>
/// <param name="FieldIntegralTm">∫B dl of its magnets, T·m.</param>
/// <param name="PlaneResolutionMm">A tracker plane's position resolution in the bending plane, mm.</param>
/// <param name="PlaneEfficiency">The probability that a plane measures the track's position; the track needs all four.</param>
/// <param name="LeverArmM">The distance between the two planes of a segment, m.</param>
/// <param name="MaterialX0">The material the track crosses between its first and its last plane, in radiation lengths.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupSpectrometer(string Name, double FieldIntegralTm, double PlaneResolutionMm, double PlaneEfficiency, double LeverArmM, double MaterialX0, string Source)
{
    internal void Validate(ConditionsValidator v, string field)
    {
        v.NotEmpty($"{field}.name", Name);
        v.InRange($"{field}.fieldIntegralTm", FieldIntegralTm, 1e-3, 100);
        v.InRange($"{field}.planeResolutionMm", PlaneResolutionMm, 1e-4, 10);
        if (!(PlaneEfficiency > 0 && PlaneEfficiency <= 1)) throw v.Fail($"{field}.planeEfficiency", $"must be in (0, 1], got {PlaneEfficiency}");
        v.InRange($"{field}.leverArmM", LeverArmM, 0.01, 100);
        v.InRange($"{field}.materialX0", MaterialX0, 0, 1);
        // Highland's formula holds from 10⁻³ X₀ (MultipleScattering).
        if (MaterialX0 > 0 && MaterialX0 < 1e-3) throw v.Fail($"{field}.materialX0", $"must be 0 or at least 0.001 (Highland's formula holds from 10^-3 X0), got {MaterialX0}");
        v.NotEmpty($"{field}.source", Source);
    }
}
