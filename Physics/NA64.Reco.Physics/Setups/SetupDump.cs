using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// The visible programme's dump (docs/setups.md, "dump"): the calorimeter the beam showers in and the X is made in (the
/// WCAL), its absorber, its depth and length, and its energy resolution σ_E/E = a/√E ⊕ b.
/// </summary>
/// <param name="Name">The detector's name, e.g. <c>WCAL</c>.</param>
/// <param name="Z">The absorber's atomic number.</param>
/// <param name="A">Its atomic mass, g/mol.</param>
/// <param name="DensityGPerCm3">Its density.</param>
/// <param name="RadiationLengthCm">Its radiation length X₀.</param>
/// <param name="InteractionLengthCm">Its nuclear interaction length λ_I (the hadrons of a photo-nuclear reaction cross the rest of it).</param>
/// <param name="DepthX0">The dump's depth in the absorber's X₀ (the emission's depth range).</param>
/// <param name="LengthCm">Its physical length along the beam (absorber and active layers), over which that depth is spread.</param>
/// <param name="Stochastic">The stochastic term a of its resolution (E in GeV).</param>
/// <param name="Constant">Its constant term b.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupDump(string Name, int Z, double A, double DensityGPerCm3, double RadiationLengthCm, double InteractionLengthCm, double DepthX0, double LengthCm,
    double Stochastic, double Constant, string Source)
{
    /// <summary>The absorber behind a depth of <paramref name="depthX0"/> X₀, in its interaction lengths.</summary>
    public double InteractionLengthsBehind(double depthX0) => Math.Max(DepthX0 - depthX0, 0) * RadiationLengthCm / InteractionLengthCm;

    /// <summary>σ_E of the dump's reading of <paramref name="energyGeV"/>.</summary>
    public double Sigma(double energyGeV) => EnergyResolution.Sigma(Stochastic, Constant, energyGeV);

    /// <summary>The dump as the emitter's target: X emitted above <paramref name="xMin"/> of the beam energy.</summary>
    public APrimeTarget Target(double xMin, KFactorTable kFactors) => new(Z, A, DensityGPerCm3, RadiationLengthCm, DepthX0, xMin, kFactors);

    internal void Validate(ConditionsValidator v)
    {
        v.NotEmpty("dump.name", Name);
        v.Count("dump.z", Z, 1, 100);
        v.InRange("dump.a", A, 1, 300);
        v.InRange("dump.densityGPerCm3", DensityGPerCm3, 0.001, 30);
        v.InRange("dump.radiationLengthCm", RadiationLengthCm, 0.01, 1e5);
        if (!(InteractionLengthCm > RadiationLengthCm && InteractionLengthCm <= 1e5))
            throw v.Fail("dump.interactionLengthCm", $"must lie above the radiation length ({RadiationLengthCm} cm) and at most 1e5, got {InteractionLengthCm}");
        v.InRange("dump.depthX0", DepthX0, 1, 200);
        v.Positive("dump.lengthCm", LengthCm);
        if (!(LengthCm >= DepthX0 * RadiationLengthCm))
            throw v.Fail("dump.lengthCm", $"must be at least its depth in absorber ({DepthX0} X0 of {RadiationLengthCm} cm = {DepthX0 * RadiationLengthCm:0.###} cm), got {LengthCm}");
        v.InRange("dump.stochastic", Stochastic, 0, 2);
        v.InRange("dump.constant", Constant, 0, 1);
        v.NotEmpty("dump.source", Source);
    }
}
