using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// Signal events of a visible-programme setup through its selection (physics.md §8a): per event one forced X emission
/// in the setup's dump (<see cref="APrimeEmitter"/>, X above the <c>ecal-energy</c> cut's share of the beam energy),
/// the readings of its decay in the setup's counters and calorimeters (<see cref="VisibleResponse"/>) and the first of the setup's cuts they fail
/// (<see cref="VisibleSelection"/>), weighted by the emission's weight. The readings do not depend on where in the
/// decay region the X decays, so neither does the selection's efficiency: it is the same at every ε, and the decay
/// probability is the <see cref="VisibleDecayYield"/>'s. Thread-safe after construction.
/// </summary>
public sealed class VisibleEventSimulation
{
    private readonly APrimeTarget _dump;
    private readonly VisibleResponse _response;
    private readonly double _beamGeV;

    public VisibleEventSimulation(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        Selection = VisibleSelection.Of(setup);
        _beamGeV = setup.BeamEnergyGeV;
        _dump = EmissionTarget(setup, Selection);
        _response = new VisibleResponse(setup);
    }

    public VisibleSelection Selection { get; }

    /// <summary>The dump of a visible setup as the emitter's target: X above the <c>ecal-energy</c> cut's share of the beam.</summary>
    internal static APrimeTarget EmissionTarget(Setup setup, VisibleSelection selection) =>
        setup.Dump!.Target(selection.MinEcalGeV / setup.BeamEnergyGeV, setup.Conditions.APrime.KFactorTableInUse);

    /// <summary>The X emitter of a sample of this setup, at its beam energy. Builds its tables: construct once per mass.</summary>
    public APrimeEmitter EmitterFor(double massMeV) => new(_dump, massMeV, _beamGeV);

    /// <summary>The cut-flow of <paramref name="events"/> events, each from <see cref="EventRandom.ForEvent"/>(seed, 0, i). Deterministic.</summary>
    public VisibleCutFlow Run(APrimeEmitter emitter, int events, ulong seed)
    {
        var summary = new EventSummary();
        Simulate(emitter, 0, 0, events, seed, summary);
        return VisibleCutFlow.Of(summary, Selection.CutNames);
    }

    /// <summary>
    /// Adds events <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of simulated spill
    /// <paramref name="spill"/> into <paramref name="into"/>'s visible sums (<see cref="EventSummary.VisibleEvents"/>,
    /// <see cref="EventSummary.VisibleWeightAfter"/>, <see cref="EventSummary.VisibleSquaredWeightAfter"/>) and its event
    /// count, each event from <see cref="EventRandom.ForEvent"/>(seed, spill, event) alone, its weight added in fixed
    /// point: a campaign's chunks of a spill, on any node, add up to the same bytes.
    /// </summary>
    public void Simulate(APrimeEmitter emitter, int spill, long first, int count, ulong seed, EventSummary into)
    {
        ArgumentNullException.ThrowIfNull(emitter);
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, long.MaxValue - count);
        Span<double> counters = stackalloc double[_response.Counters];
        for (var i = first; i < first + count; i++)
        {
            var rng = EventRandom.ForEvent(seed, spill, i);
            var e = emitter.Emit(ref rng, _beamGeV);
            // An event with no emission above the threshold (weight 0) is simulated and adds nothing.
            if (!(e.Weight > 0)) continue;
            var r = _response.Draw(ref rng, counters, e.EnergyGeV, _beamGeV);
            var passed = Selection.FirstFailed(counters, r.EcalGeV, r.SumPull);
            into.AddVisible(e.Weight, passed);
        }
        into.VisibleEvents += count;
        into.Events += count;
    }
}
