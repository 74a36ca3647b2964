using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>The beam of a setup whose beam is not the conditions' electron beam (docs/setups.md, "beam").</summary>
/// <param name="Particle">The beam particle: <c>mu-</c> for the muon programme.</param>
/// <param name="EnergyGeV">Its nominal energy.</param>
/// <param name="Source">Where the numbers come from.</param>
/// <param name="MomentumSpread">The relative r.m.s. spread of the beam particles' momenta (Gaussian); 0 for a
/// monochromatic beam.</param>
public sealed record SetupBeam(string Particle, double EnergyGeV, string Source, double MomentumSpread = 0)
{
    /// <summary>The largest spread a setup may give: beyond it a Gaussian reaches zero momentum within 5σ.</summary>
    public const double MaxMomentumSpread = 0.2;

    internal void Validate(ConditionsValidator v, string expectedParticle)
    {
        if (Particle != expectedParticle) throw v.Fail("beam.particle", $"must be '{expectedParticle}' for this programme, got '{Particle}'");
        v.InRange("beam.energyGeV", EnergyGeV, 1, 1e4);
        v.InRange("beam.momentumSpread", MomentumSpread, 0, MaxMomentumSpread);
        v.NotEmpty("beam.source", Source);
    }
}
