using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Forced, weighted A' emission along the track length of the leading e± of the shower (physics.md §5).
/// Construct once per (conditions, mass): tables are built here, never per event.
/// </summary>
public sealed class APrimeEmitter
{
    public APrimeEmitter(DetectorConditions conditions, double massAPrimeMeV)
    {
        Conditions = conditions;
        MassAPrimeMeV = massAPrimeMeV;
    }

    public DetectorConditions Conditions { get; }
    public double MassAPrimeMeV { get; }

    /// <summary>Emits an A' for one electron of energy <paramref name="beamEnergyGeV"/> entering the ECAL.</summary>
    public APrimeEmission Emit(ref EventRandom rng, double beamEnergyGeV) =>
        throw new NotImplementedException("A' emission is implemented in its own change");
}
