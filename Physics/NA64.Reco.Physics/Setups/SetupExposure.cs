using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Setups;

/// <summary>
/// The exposure a setup's limits are computed for when no campaign counts one (docs/setups.md, "exposure"): particles
/// on target (MOT for the muon programme) and their relative uncertainty, the published run's.
/// </summary>
/// <param name="OnTarget">Beam particles on target.</param>
/// <param name="RelativeUncertainty">Its relative uncertainty, a nuisance of the limit (physics.md §9).</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record SetupExposure(double OnTarget, double RelativeUncertainty, string Source)
{
    internal void Validate(ConditionsValidator v)
    {
        v.InRange("exposure.onTarget", OnTarget, 1, 1e16);
        v.InRange("exposure.relativeUncertainty", RelativeUncertainty, 0, 1);
        v.NotEmpty("exposure.source", Source);
    }
}
