using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// The fraction of Z' events whose muon comes out of the ECAL and leaves no energy beyond its MIP signal in the
/// calorimeters (physics.md §8c): the emitter's forced emissions (energy and depth in the ECAL), the muon's discrete
/// transfers before the emission at the beam energy and after it at E₀ − E_Z' and its range
/// (<see cref="MuonCalorimeterPassage"/>), and the conditions that it leaves the ECAL (a spectrometer downstream is to
/// measure it) and that the ECAL and the HCAL each stay below their threshold above the MIP. The muon's energy loss
/// before the emission (below 1% of E₀) is not subtracted from the outgoing energy.
/// </summary>
public static class ZPrimeCalorimeterEfficiency
{
    /// <summary>
    /// The efficiency and its binomial standard error over <paramref name="emissions"/> events, each from
    /// <see cref="EventRandom.ForEvent"/>(seed, 0, i): deterministic, and the same for any split of the events.
    /// </summary>
    public static (double Efficiency, double Uncertainty) Estimate(ZPrimeEmitter emitter, MuonCalorimeterPassage passage,
        double ecalMaxGeV, double hcalMaxGeV, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(emissions);
        var depth = emitter.Target.DepthX0;
        var beam = emitter.BeamEnergyGeV;
        var passed = 0;
        for (var i = 0; i < emissions; i++)
        {
            var rng = EventRandom.ForEvent(seed, 0, i);
            var emission = emitter.Emit(ref rng);
            var (ecal, hcal, leaves) = passage.Deposits(beam, emission.DepthX0 / depth, beam - emission.EnergyGeV, ref rng);
            if (leaves && ecal < ecalMaxGeV && hcal < hcalMaxGeV) passed++;
        }
        var efficiency = (double)passed / emissions;
        return (efficiency, Math.Sqrt(efficiency * (1 - efficiency) / emissions));
    }
}
