using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.Muon;

/// <summary>
/// Muon events of a muon-programme setup through its selection (physics.md §8b, §8c): the beam muon's momentum (the
/// nominal energy with the beam's Gaussian spread), measured by the incoming spectrometer; its passage through the ECAL
/// (<see cref="MuonCalorimeterPassage"/>) with, for a Z' sample, the forced emission taking x of its energy at the
/// emitter's depth; its energy out of the ECAL measured by the outgoing spectrometer (<see cref="MuonSpectrometer"/>);
/// its passage through the HCAL; then the setup's cuts (<see cref="MuonSelection"/>). The emitter draws x at the nominal
/// energy (the cross-section changes little over the beam's spread) and the muon gives x times its own energy.
/// Thread-safe after construction.
/// </summary>
public sealed class MuonEventSimulation
{
    // Emissions whose outgoing muon would need a fluctuation of more than this many standard deviations of the beam's
    // spread and of the outgoing measurement together to pass the outgoing-momentum cut are not simulated (see
    // MinEmissionFraction).
    private const double Tail = 5;

    private readonly MuonCalorimeterPassage _passage;
    private readonly APrimeTarget _ecal;
    private readonly double _beamGeV, _spread;

    public MuonEventSimulation(Setup setup, MuonCalorimeterPassage passage)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(passage);
        Selection = MuonSelection.Of(setup);
        _passage = passage;
        _beamGeV = setup.BeamEnergyGeV;
        _spread = (setup.Beam ?? throw new ArgumentException($"setup '{setup.Name}' has no beam", nameof(setup))).MomentumSpread;
        Incoming = MuonSpectrometer.Of(setup.Spectrometers?.Incoming);
        Outgoing = MuonSpectrometer.Of(setup.Spectrometers?.Outgoing);
        _ecal = EmissionTarget(setup);
    }

    /// <summary>
    /// The ECAL of <paramref name="setup"/>'s conditions as the Z' emitter's target, for x ≥
    /// <see cref="MinEmissionFraction"/>: what a sample's yield is computed over, with or without its events.
    /// </summary>
    public static APrimeTarget EmissionTarget(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var maxOut = MuonSelection.Of(setup).MaxOutgoingGeV;
        var spread = (setup.Beam ?? throw new ArgumentException($"setup '{setup.Name}' has no beam", nameof(setup))).MomentumSpread;
        var lowestBeam = setup.BeamEnergyGeV * Math.Max(1 - Tail * spread, 0.05);
        // The kink is the Gaussian variable: a true momentum p is measured below maxOut 5σ up when K/p + 5σ_κ ≥ K/maxOut.
        var shortfall = 1 - Tail * MuonSpectrometer.Of(setup.Spectrometers?.Outgoing).RelativeResolution(maxOut);
        var xMin = shortfall > 0 ? Math.Max(0, 1 - maxOut / shortfall / lowestBeam) : 0;
        return APrimeTarget.EcalOf(setup.Conditions) with { MinEnergyFraction = xMin };
    }

    public MuonSelection Selection { get; }
    public MuonSpectrometer Incoming { get; }
    public MuonSpectrometer Outgoing { get; }

    /// <summary>
    /// The lowest x = E_Z'/E simulated: below it the outgoing muon passes the outgoing-momentum cut only if it is
    /// measured more than 5σ low when the beam was 5σ low, x_min = 1 − p_max/((1 − 5 σ_p/p(p_max)) E₀ (1 − 5 σ_E/E)):
    /// the emissions left out need a joint fluctuation more than 5σ away, a fraction of order 10⁻⁸ just below x_min
    /// (the muon's mean losses in the ECAL behind the emission, below 1 GeV, would lower it by less than 0.01; its rare
    /// hard transfers there, which can take p_out below the cut, leave energy the quiet-ECAL cut rejects). The emitter's
    /// yield counts the emissions above it; 1 − p_max/E₀ for a monochromatic beam measured exactly.
    /// </summary>
    public double MinEmissionFraction => _ecal.MinEnergyFraction;

    /// <summary>
    /// The Z' emitter of a sample of this setup: in its conditions' ECAL, at its beam energy, for x ≥
    /// <see cref="MinEmissionFraction"/>. Builds its tables: construct once per mass.
    /// </summary>
    public ZPrimeEmitter EmitterFor(double massMeV) => new(_ecal, massMeV, _beamGeV);

    /// <summary>
    /// The cut-flow of <paramref name="events"/> events, each from <see cref="EventRandom.ForEvent"/>(seed, 0, i): Z'
    /// events of <paramref name="emitter"/>, or beam muons that emit nothing when it is <c>null</c>. Deterministic.
    /// </summary>
    public MuonCutFlow Run(ZPrimeEmitter? emitter, int events, ulong seed) => Run(emitter, 0, events, seed);

    /// <summary>
    /// The cut-flow of events <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of that
    /// sequence: the parts of any split, <see cref="MuonCutFlow.Merge">merged</see>, are the whole run.
    /// </summary>
    public MuonCutFlow Run(ZPrimeEmitter? emitter, long first, int count, ulong seed)
    {
        var summary = new EventSummary();
        Simulate(emitter, 0, first, count, seed, summary);
        return MuonCutFlow.Of(summary, Selection.CutNames);
    }

    /// <summary>
    /// Adds events <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of simulated spill
    /// <paramref name="spill"/> into <paramref name="into"/>'s muon counts (<see cref="EventSummary.MuonEvents"/>,
    /// <see cref="EventSummary.MuonPassedAfter"/>) and its event count, each event from
    /// <see cref="EventRandom.ForEvent"/>(seed, spill, event) alone: a campaign's chunks of a spill, on any node, add up
    /// to the same counts. Z' events of <paramref name="emitter"/>, or beam muons that emit nothing when it is <c>null</c>.
    /// </summary>
    public void Simulate(ZPrimeEmitter? emitter, int spill, long first, int count, ulong seed, EventSummary into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, long.MaxValue - count);
        // An array, not stackalloc: a method with stackalloc gets no on-stack replacement, and one long call would stay unoptimised.
        var failedAt = new long[Selection.CutNames.Count + 1];
        for (var i = first; i < first + count; i++)
        {
            var rng = EventRandom.ForEvent(seed, spill, i);
            failedAt[Event(emitter, ref rng)]++;
        }
        long left = count;
        for (var k = 0; k < Selection.CutNames.Count; k++) into.MuonPassedAfter[k] += left -= failedAt[k];
        into.MuonEvents += count;
        into.Events += count;
    }

    /// <summary>One event: the index of the first cut it fails (the cuts' count when it passes all).</summary>
    private int Event(ZPrimeEmitter? emitter, ref EventRandom rng)
    {
        var energy = _spread > 0 ? Math.Max(_beamGeV * (1 + _spread * rng.NextGaussian()), MuonCalorimeterPassage.MinEnergyGeV) : _beamGeV;
        var incoming = Incoming.Measure(energy, ref rng);
        double depth = 1, emitted = 0;
        if (emitter is not null)
        {
            var emission = emitter.Emit(ref rng);
            depth = emission.DepthX0 / emitter.Target.DepthX0;
            emitted = emission.EnergyGeV / emitter.BeamEnergyGeV;
        }
        var (ecal, hcal, leaves, outgoing) = _passage.Deposits(energy, depth, emitted, ref rng);
        var measured = leaves ? Outgoing.Measure(outgoing, ref rng) : double.NaN;
        return Selection.FirstFailed(incoming, leaves, measured, ecal, hcal);
    }
}
