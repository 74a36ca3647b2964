using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Simulation.Muon;

namespace NA64.Reco.Physics.Simulation.ZPrime;

/// <summary>
/// Z' events through the muon programme's selection (physics.md §8b, §8c): the emitter's forced emissions (energy and
/// depth in the ECAL), the muon's discrete transfers before the emission at the beam energy and after it at E₀ − E_Z' and
/// its range (<see cref="MuonCalorimeterPassage"/>), then the setup's cuts (<see cref="MuonSelection"/>): the outgoing
/// momentum E₀ − E_Z', the muon leaving the ECAL (a spectrometer downstream is to measure it), the ECAL and the HCAL each
/// below their threshold above the MIP. The muon's energy loss before the emission (below 1% of E₀) is not subtracted
/// from the outgoing energy.
/// </summary>
public static class ZPrimeCalorimeterEfficiency
{
    /// <summary>
    /// The cut-flow of <paramref name="emissions"/> events, each from <see cref="EventRandom.ForEvent"/>(seed, 0, i):
    /// deterministic, and the same for any split of the events.
    /// </summary>
    public static ZPrimeCutFlow Estimate(ZPrimeEmitter emitter, MuonCalorimeterPassage passage, MuonSelection selection, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(emissions);
        var depth = emitter.Target.DepthX0;
        var beam = emitter.BeamEnergyGeV;
        var failedAt = new int[selection.CutNames.Count + 1];
        for (var i = 0; i < emissions; i++)
        {
            var rng = EventRandom.ForEvent(seed, 0, i);
            var emission = emitter.Emit(ref rng);
            var outgoing = beam - emission.EnergyGeV;
            var (ecal, hcal, leaves) = passage.Deposits(beam, emission.DepthX0 / depth, outgoing, ref rng);
            failedAt[selection.FirstFailed(leaves, outgoing, ecal, hcal)]++;
        }
        var passed = new int[selection.CutNames.Count];
        var left = emissions;
        for (var k = 0; k < passed.Length; k++) passed[k] = left -= failedAt[k];
        return new ZPrimeCutFlow(selection.CutNames, emissions, passed);
    }
}
