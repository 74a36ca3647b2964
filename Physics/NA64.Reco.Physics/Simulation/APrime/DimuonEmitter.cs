using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>Dimuon production e⁻Z → e⁻Zμ⁺μ⁻ by the leading shower e± (physics.md §4): a rare QED reference process.</summary>
public sealed class DimuonEmitter(DetectorConditions conditions)
{
    public DetectorConditions Conditions { get; } = conditions;

    /// <summary>Produces a muon pair for one electron of energy <paramref name="beamEnergyGeV"/> entering the ECAL.</summary>
    public DimuonEmission Emit(ref EventRandom rng, double beamEnergyGeV) =>
        throw new NotImplementedException("dimuon production is implemented in its own change");
}
