using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// NA64μ's reach in the Z' coupling from the models alone (physics.md §8b, §8c), for a muon-programme setup: per mass of
/// its signal the emitter's yield in the ECAL of its conditions above the x that can still pass its
/// <c>outgoing-momentum</c> cut, the cut-flow of its selection over simulated events (<see cref="MuonEventSimulation"/>:
/// the beam's spread, the spectrometers' tracking efficiency and resolution, the muon's transfers in the calorimeters),
/// the same cut-flow for beam muons that emit nothing, and the one limit path (<see cref="LimitTable"/>) with no event
/// and no background at its exposure and its projections. What it leaves out, and the campaign will add: the trigger,
/// the spectrometers' acceptance and the backgrounds of other processes.
/// </summary>
/// <param name="Setup">The setup it was computed for.</param>
/// <param name="Signals">One signal point per mass (yield per MOT per g² × BR(Z' → invisible), the efficiency).</param>
/// <param name="CutFlows">The selection's cut-flow per mass.</param>
/// <param name="BeamCutFlow">The selection's cut-flow of beam muons that emit nothing.</param>
/// <param name="Observed">g_90 at the setup's exposure.</param>
/// <param name="Projections">g_90 at each projected exposure.</param>
public sealed record ZPrimeReach(
    Setup Setup,
    IReadOnlyList<SignalPoint> Signals,
    IReadOnlyList<MuonCutFlow> CutFlows,
    MuonCutFlow BeamCutFlow,
    LimitTable Observed,
    IReadOnlyList<LimitTable> Projections)
{
    /// <summary>
    /// Computes the reach of <paramref name="setup"/> with <paramref name="emissions"/> forced emissions per mass, and as
    /// many beam muons, from <paramref name="seed"/>.
    /// </summary>
    public static ZPrimeReach Compute(Setup setup, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var simulation = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(setup.Conditions));
        var signal = setup.Signal!;
        var exposure = setup.Exposure!;
        var signals = new SignalPoint[signal.MassesMeV.Length];
        var flows = new MuonCutFlow[signal.MassesMeV.Length];
        for (var i = 0; i < signals.Length; i++)
        {
            var emitter = simulation.EmitterFor(signal.MassesMeV[i]);
            flows[i] = simulation.Run(emitter, emissions, seed);
            signals[i] = SignalPoint.ForZPrime(emitter, flows[i].Efficiency, flows[i].Uncertainty);
        }
        var inputs = new LimitInputs(0, BackgroundInput.None, exposure.OnTarget) { EotRelativeUncertainty = exposure.RelativeUncertainty };
        var projections = signal.Projections.Select(m => LimitTable.Projected(signals, inputs, m)).ToArray();
        var beamFlow = simulation.Run(null, emissions, seed);
        return new ZPrimeReach(setup, signals, flows, beamFlow, LimitTable.Build(signals, inputs), projections);
    }
}
