using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The visible programme's background from K⁰_S made in the dump (physics.md §8a, "Background"): a hard photon of the
/// beam electron's shower absorbed by a tungsten nucleus (the rate and spectrum of <see cref="ShowerPhotoNuclear"/>,
/// with the dump's absorber), its hadrons (<see cref="PhotonHadrons"/>), the leading neutral one a K⁰_S that crosses
/// the rest of the dump without interacting and decays in the decay region to π⁰π⁰, and at least one of the four
/// photons converting in the region's material before the pair counter: two MIPs there, nothing charged in V2, and
/// the photons' energy in the ECAL, as the signal. The event then reads as the signal's through the setup's counters
/// and calorimeters (<see cref="VisibleResponse"/>) and goes through its cuts (<see cref="VisibleSelection"/>).
/// <para>Every event is forced through that chain, its weight the chain's probability per EOT, so that the sample's
/// weighted cut-flow is the background per EOT after each cut: q (absorption of a photon of x ≥ x_min in the dump) ·
/// f_S (a neutral meson of the final state is a K⁰_S as often as a K⁰_L) · e^(−ℓ/λ_I) (no interaction in the dump's
/// remaining ℓ) · P(decay in the region) · B(π⁰π⁰) · (1 − (1 − p)⁴) (p: one photon's conversion probability).</para>
/// <para>The reaction's other hadrons: a charged one that crosses the rest of the dump without interacting fires the
/// counters before the decay region (one MIP each) and takes its energy out of the dump; one that interacts leaves its
/// shower's EM part (1 − (E/1 GeV)^−0.18, §4) and the contained share of its hadronic part (the Gamma(2, 0.9 λ) profile
/// of §4 behind the interaction point) in the dump, and the hadronic energy leaking out of its back fires those
/// counters as §4's VETO does (0.1 MIP per GeV); a K⁰_L likewise, without a MIP when it escapes; a π⁰ showers in the
/// dump. Energy that leaves the dump is not read by the ECAL (a simplification: it would be read in part).</para>
/// Thread-safe after construction; allocation-free per event but for one scratch final state per call.
/// </summary>
public sealed class VisibleKaonShortBackground
{
    /// <summary>K⁰_S mass, GeV (PDG 2024: 497.611 ± 0.013 MeV).</summary>
    public const double KaonMassGeV = 0.497611;
    /// <summary>K⁰_S cτ, cm (PDG 2024: 2.6844 cm).</summary>
    public const double KaonProperLengthCm = 2.6844;
    /// <summary>B(K⁰_S → π⁰π⁰) (PDG 2024: (30.69 ± 0.05) %).</summary>
    public const double NeutralPionsBranching = 0.3069;

    private readonly Setup _setup;
    private readonly SetupDump _dump;
    private readonly VisibleResponse _response;
    private readonly double _beamGeV, _xMin, _envelope, _conversion, _anyConversion;

    public VisibleKaonShortBackground(Setup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        _setup = setup;
        Selection = VisibleSelection.Of(setup);
        _dump = setup.Dump!;
        _response = new VisibleResponse(setup);
        _beamGeV = setup.BeamEnergyGeV;
        // The K⁰_S's photons must bring the ECAL to its cut, so the photon that made it carries at least that.
        _xMin = Selection.MinEcalGeV / _beamGeV;
        _envelope = ShowerPhotoNuclear.SpectrumBracket(_xMin);
        ReactionPerEot = ShowerPhotoNuclear.AbsorptionPerX0Of(_dump.RadiationLengthCm, _dump.DensityGPerCm3, _dump.A)
            * ShowerPhotoNuclear.TrackLengthX0(_xMin);
        _conversion = -SpecialFunctions.ExpM1(-setup.DecayRegion!.MaterialX0 / ShowerPhotoNuclear.PairMeanFreePathX0);
        var keep = 1 - _conversion;
        _anyConversion = 1 - keep * keep * keep * keep;
    }

    public VisibleSelection Selection { get; }

    /// <summary>q: photons of x ≥ x_min absorbed per EOT (before the dump's finite depth is applied, event by event).</summary>
    public double ReactionPerEot { get; }

    /// <summary>p: the probability that one photon of the decay converts in the region's material.</summary>
    public double ConversionProbability => _conversion;

    /// <summary>The cut-flow of <paramref name="events"/> events, each from <see cref="EventRandom.ForEvent"/>(seed, 0, i). Deterministic.</summary>
    public VisibleCutFlow Run(int events, ulong seed)
    {
        var summary = new EventSummary();
        Simulate(0, 0, events, seed, summary);
        return VisibleCutFlow.Of(summary, Selection.CutNames);
    }

    /// <summary>
    /// Adds events <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 of simulated spill
    /// <paramref name="spill"/> into <paramref name="into"/>'s visible sums and its event count, each event from
    /// <see cref="EventRandom.ForEvent"/>(seed, spill, event) alone, its weight (per EOT) in fixed point: any chunking
    /// adds up to the same bytes.
    /// </summary>
    public void Simulate(int spill, long first, int count, ulong seed, EventSummary into)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, long.MaxValue - count);
        var after = into.VisibleWeightAfter;
        var squared = into.VisibleSquaredWeightAfter;
        var hadrons = new PhotonHadrons();
        Span<double> counters = stackalloc double[_response.Counters];
        for (var i = first; i < first + count; i++)
        {
            var rng = EventRandom.ForEvent(seed, spill, i);
            var w = Event(ref rng, hadrons, counters, out var passed);
            if (!(w > 0)) continue;
            var fw = FixedPointWeight.FromDouble(w);
            var fw2 = FixedPointWeight.FromDouble(w * w);
            for (var k = 0; k <= passed; k++)
            {
                after[k] += fw;
                squared[k] += fw2;
            }
        }
        into.VisibleEvents += count;
        into.Events += count;
    }

    /// <summary>One forced event: its weight per EOT (0 when the chain cannot happen) and the first cut it fails.</summary>
    private double Event(ref EventRandom rng, PhotonHadrons hadrons, Span<double> counters, out int passed)
    {
        passed = 0;
        var (x, depthX0) = ShowerPhotoNuclear.DrawPhoton(ref rng, _xMin, _envelope);
        // A photon that would be absorbed beyond the dump's depth leaves it: no reaction in the dump.
        if (depthX0 >= _dump.DepthX0) return 0;
        var nu = x * _beamGeV;
        hadrons.Draw(ref rng, nu, 0, 0);
        var lead = -1;
        for (var h = 0; h < hadrons.Count; h++)
            if (hadrons.Kind[h] != HadronKind.Charged && (lead < 0 || hadrons.EnergyGeV[h] > hadrons.EnergyGeV[lead])) lead = h;
        if (lead < 0) return 0;
        var kaonGeV = hadrons.EnergyGeV[lead];
        if (!(kaonGeV > KaonMassGeV)) return 0;

        var behindLambda = _dump.InteractionLengthsBehind(depthX0);
        var behindCm = (_dump.DepthX0 - depthX0) * _dump.LengthCm / _dump.DepthX0;
        var region = _setup.DecayRegion!;
        var decayLengthCm = Math.Sqrt(kaonGeV * kaonGeV - KaonMassGeV * KaonMassGeV) / KaonMassGeV * KaonProperLengthCm;
        var w = ReactionPerEot * PhotonHadrons.LongLivedNeutralFraction * Math.Exp(-behindLambda)
            * APrimeDecay.ProbabilityBetween(decayLengthCm, behindCm + region.StartCm, behindCm + region.EndCm)
            * NeutralPionsBranching * _anyConversion;
        if (!(w > 0)) return 0;

        // The first photon of the four to convert, given that one does, then each later one on its own.
        var keep = 1 - _conversion;
        var u = rng.NextDouble() * _anyConversion;
        var firstConverting = 0;
        for (var p = _conversion; firstConverting < 3 && u >= p; firstConverting++) { u -= p; p *= keep; }
        var conversions = 1;
        for (var g = firstConverting + 1; g < 4; g++)
            if (rng.Chance(_conversion)) conversions++;

        var dumpGeV = _beamGeV - nu;
        var upstream = 0;
        var leakMips = 0.0;
        for (var h = 0; h < hadrons.Count; h++)
        {
            if (h == lead) continue;
            var e = hadrons.EnergyGeV[h];
            if (hadrons.Kind[h] == HadronKind.NeutralPion)
            {
                dumpGeV += e;
                continue;
            }
            var charged = hadrons.Kind[h] == HadronKind.Charged;
            if (!rng.Chance(-SpecialFunctions.ExpM1(-behindLambda)))
            {
                if (charged) upstream++;
                continue;
            }
            // Interacts at an exponential depth within the rest of the dump; its shower behind that point leaks.
            var at = -Math.Log(1 - rng.NextDouble() * -SpecialFunctions.ExpM1(-behindLambda));
            var rest = Math.Max(behindLambda - at, 0) / CalorimeterSimulator.HadronicScaleLambda;
            var emFraction = e > 1 ? 1 - Math.Pow(e, -CalorimeterSimulator.EmFractionExponent) : 0;
            var hadronic = e * (1 - emFraction);
            var leaked = hadronic * Math.Exp(-rest) * (1 + rest);
            dumpGeV += e - leaked;
            leakMips += CalorimeterSimulator.VetoMipsPerGeV * leaked;
        }

        _response.DrawCounters(ref rng, counters, upstream, leakMips, 2 * conversions);
        var r = _response.DrawCalorimeters(ref rng, kaonGeV, dumpGeV, _beamGeV);
        passed = Selection.FirstFailed(counters, r.EcalGeV, r.SumPull);
        return w;
    }
}
