using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>The beam of a setup whose beam is not the conditions' electron beam (docs/setups.md, "beam").</summary>
/// <param name="Particle">The beam particle: <c>mu-</c> for the muon programme.</param>
/// <param name="EnergyGeV">Its nominal energy.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupBeam(string Particle, double EnergyGeV, string Source)
{
    internal void Validate(ConditionsValidator v, string expectedParticle)
    {
        if (Particle != expectedParticle) throw v.Fail("beam.particle", $"must be '{expectedParticle}' for this programme, got '{Particle}'");
        v.InRange("beam.energyGeV", EnergyGeV, 1, 1e4);
        v.NotEmpty("beam.source", Source);
    }
}
