using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Simulation.APrime;

/// <summary>
/// The visible programme's background from K⁰_S made in the dump (physics.md §8a, "Background"): a hard photon of the
/// beam electron's shower absorbed by a tungsten nucleus (the rate and spectrum of <see cref="ShowerPhotoNuclear"/>,
/// with the dump's absorber), its hadrons (<see cref="PhotonHadrons"/>), the leading neutral one a K⁰_S that crosses
/// the rest of the dump without interacting and decays in the decay region, in one of two channels
/// (<see cref="Decay"/>). To π⁰π⁰, with an e⁺e⁻ pair before the pair counter from a Dalitz decay π⁰ → e⁺e⁻γ or from a
/// photon converting in the region's material behind the decay point: two MIPs there, nothing charged in V2, and the
/// kaon's energy in the ECAL, as the signal. To π⁺π⁻: the pions' two MIPs in the pair counter, and their hadron showers
/// in the ECAL, which reads their EM parts and the contained share of their hadronic parts. The event then reads as the
/// signal's through the setup's counters and calorimeters (<see cref="VisibleResponse"/>) and goes through its cuts
/// (<see cref="VisibleSelection"/>).
/// <para>Every event is forced through that chain, its weight the chain's probability per EOT, so that the sample's
/// weighted cut-flow is the background per EOT after each cut: q (absorption of a photon of x ≥ x_min in the dump) ·
/// f_S (a neutral meson of the final state is a K⁰_S as often as a K⁰_L) · e^(−ℓ/λ_I) (no interaction in the dump's
/// remaining ℓ) · P(decay in the region) · B(π⁰π⁰) · (1 − (1 − B_D)²(1 − p)⁴), where B_D is the Dalitz branching and p
/// one photon's conversion probability in the material between the decay point (drawn from its exponential in the
/// region) and the counter: the region's <c>materialX0</c>, spread evenly along it; for π⁺π⁻, · B(π⁺π⁻) alone.</para>
/// <para>The reaction's other hadrons: a charged one that crosses the rest of the dump without interacting fires the
/// counters before the decay region (one MIP each) and takes its energy out of the dump; one that interacts leaves its
/// shower's EM part (1 − (E/1 GeV)^−0.18 ± 0.15, §4) and the contained share of its hadronic part (the Gamma(2, 0.9 λ) profile
/// of §4 behind the interaction point) in the dump, and the hadronic energy leaking out of its back fires those
/// counters as §4's VETO does (0.1 MIP per GeV); a K⁰_L likewise, without a MIP when it escapes; a π⁰ showers in the
/// dump. Energy that leaves the dump is not read by the ECAL (a simplification: it would be read in part).</para>
/// Thread-safe after construction; allocation-free per event but for one scratch final state per call.
/// </summary>
public sealed class VisibleKaonShortBackground
{
    /// <summary>The K⁰_S decay a sample simulates.</summary>
    public enum Decay
    {
        /// <summary>K⁰_S → π⁰π⁰, a pair from a Dalitz decay or a conversion.</summary>
        NeutralPions = 0,
        /// <summary>K⁰_S → π⁺π⁻.</summary>
        ChargedPions = 1,
    }

    /// <summary>The limit's background method in the results: the K⁰_S sources together.</summary>
    public const string MethodName = "k0s";
    /// <summary>B(K⁰_S → π⁺π⁻) (PDG 2024: (69.20 ± 0.05) %).</summary>
    public const double ChargedPionsBranching = 0.6920;
    /// <summary>π± mass, GeV (PDG 2024: 139.57039 MeV).</summary>
    public const double ChargedPionMassGeV = 0.13957039;
    /// <summary>K⁰_S mass, GeV (PDG 2024: 497.611 ± 0.013 MeV).</summary>
    public const double KaonMassGeV = 0.497611;
    /// <summary>K⁰_S cτ, cm (PDG 2024: 2.6844 cm).</summary>
    public const double KaonProperLengthCm = 2.6844;
    /// <summary>B(K⁰_S → π⁰π⁰) (PDG 2024: (30.69 ± 0.05) %).</summary>
    public const double NeutralPionsBranching = 0.3069;
    /// <summary>B(π⁰ → e⁺e⁻γ) (PDG 2024: (1.174 ± 0.035) %).</summary>
    public const double DalitzBranching = 0.01174;

    private readonly Setup _setup;
    private readonly SetupDump _dump;
    private readonly VisibleResponse _response;
    private readonly double _beamGeV, _xMin, _envelope, _ecalLambdas, _ecalMipGeV;

    public VisibleKaonShortBackground(Setup setup, Decay channel)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (!Enum.IsDefined(channel)) throw new ArgumentOutOfRangeException(nameof(channel), channel, "unknown K0S decay");
        _setup = setup;
        Channel = channel;
        _ecalLambdas = setup.Conditions.Ecal.InteractionLengths;
        _ecalMipGeV = setup.Conditions.Ecal.MipMeV * 1e-3;
        Selection = VisibleSelection.Of(setup);
        _dump = setup.Dump!;
        _response = new VisibleResponse(setup);
        _beamGeV = setup.BeamEnergyGeV;
        // The K⁰_S's photons must bring the ECAL to its cut, so the photon that made it carries at least that.
        _xMin = Selection.MinEcalGeV / _beamGeV;
        _envelope = ShowerPhotoNuclear.SpectrumBracket(_xMin);
        ReactionPerEot = ShowerPhotoNuclear.AbsorptionPerX0Of(_dump.RadiationLengthCm, _dump.DensityGPerCm3, _dump.A)
            * ShowerPhotoNuclear.TrackLengthX0(_xMin);
        ConversionProbability = ConversionOver(setup.DecayRegion!.MaterialX0);
    }

    public VisibleSelection Selection { get; }

    public Decay Channel { get; }

    /// <summary>The campaign sample kind that simulates <paramref name="channel"/>.</summary>
    public static SampleKind SampleKindOf(Decay channel) => channel == Decay.NeutralPions ? SampleKind.KaonShortNeutral : SampleKind.KaonShortCharged;

    /// <summary>The channel a K⁰_S sample kind simulates.</summary>
    public static Decay ChannelOf(SampleKind kind) => kind switch
    {
        SampleKind.KaonShortNeutral => Decay.NeutralPions,
        SampleKind.KaonShortCharged => Decay.ChargedPions,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a K0S background sample kind"),
    };

    /// <summary>The name of a channel's source in the results: its sample kind's (<c>k0s-pi0pi0</c>, <c>k0s-pipi</c>).</summary>
    public static string SourceOf(Decay channel) => SampleDescriptor.KindName(SampleKindOf(channel));

    /// <summary>q: photons of x ≥ x_min absorbed per EOT (before the dump's finite depth is applied, event by event).</summary>
    public double ReactionPerEot { get; }

    /// <summary>The probability that a photon crossing the whole region's material converts in it.</summary>
    public double ConversionProbability { get; }

    /// <summary>1 − e^(−(7/9) t): a photon's conversion probability in <paramref name="x0"/> X₀ (PDG eq. 34.32).</summary>
    public static double ConversionOver(double x0) => -SpecialFunctions.ExpM1(-x0 / ShowerPhotoNuclear.PairMeanFreePathX0);

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
        var hadrons = new PhotonHadrons();
        Span<double> counters = stackalloc double[_response.Counters];
        for (var i = first; i < first + count; i++)
        {
            var rng = EventRandom.ForEvent(seed, spill, i);
            var w = Event(ref rng, hadrons, counters, out var passed);
            if (w > 0) into.AddVisible(w, passed);
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
        var (from, to) = (behindCm + region.StartCm, behindCm + region.EndCm);
        var decay = APrimeDecay.ProbabilityBetween(decayLengthCm, from, to);
        if (!(decay > 0)) return 0;
        var w = ReactionPerEot * PhotonHadrons.LongLivedNeutralFraction * Math.Exp(-behindLambda) * decay;
        double ecalGeV;
        int pairs;
        if (Channel == Decay.NeutralPions)
        {
            w *= NeutralPionsBranching * NeutralPair(ref rng, from, to, decayLengthCm, region.MaterialX0, out pairs);
            ecalGeV = kaonGeV;
        }
        else
        {
            w *= ChargedPionsBranching;
            pairs = 1;
            ecalGeV = ChargedPionsInEcal(ref rng, kaonGeV);
        }
        if (!(w > 0)) return 0;

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
            var leaked = ShowerWithin(ref rng, e, behindLambda);
            dumpGeV += e - leaked;
            leakMips += CalorimeterSimulator.VetoMipsPerGeV * leaked;
        }

        _response.DrawCounters(ref rng, counters, upstream, leakMips, 2 * pairs);
        var r = _response.DrawCalorimeters(ref rng, ecalGeV, dumpGeV, _beamGeV);
        passed = Selection.FirstFailed(counters, r.EcalGeV, r.SumPull);
        return w;
    }

    /// <summary>
    /// The π⁰π⁰ decay's pair probability 1 − (1 − B_D)²(1 − p)⁴ at a decay point drawn in the region [from, to] (cm from
    /// the kaon's birth) with its material behind that point, and the pairs given that there is one: the Dalitz decays
    /// (two, one or none: then a photon of the four converts, the first to do so drawn given that one does), then each
    /// remaining photon converting on its own.
    /// </summary>
    private static double NeutralPair(ref EventRandom rng, double from, double to, double decayLengthCm, double materialX0, out int pairs)
    {
        var inRegion = -SpecialFunctions.ExpM1(-(to - from) / decayLengthCm);
        var at = Math.Clamp(from - decayLengthCm * Math.Log(1 - rng.NextDouble() * inRegion), from, to);
        var p = ConversionOver(materialX0 * (to - at) / (to - from));
        var keep = 1 - p;
        var keep4 = keep * keep * keep * keep;
        const double noDalitz = 1 - DalitzBranching;
        var anyPair = 1 - noDalitz * noDalitz * keep4;
        var u = rng.NextDouble() * anyPair;
        int dalitz, photons;
        if (u < DalitzBranching * DalitzBranching) (dalitz, photons) = (2, 2);
        else if (u < DalitzBranching * DalitzBranching + 2 * DalitzBranching * noDalitz) (dalitz, photons) = (1, 3);
        else (dalitz, photons) = (0, 4);
        var first = 0;
        if (dalitz == 0)
        {
            var v = rng.NextDouble() * (1 - keep4);
            for (var q = p; first < 3 && v >= q; first++) { v -= q; q *= keep; }
            pairs = 1;
            first++;
        }
        else pairs = dalitz;
        for (var g = first; g < photons; g++)
            if (rng.Chance(p)) pairs++;
        return anyPair;
    }

    /// <summary>
    /// What the ECAL reads of the π⁺π⁻ of a K⁰_S of <paramref name="kaonGeV"/>: the pions share its energy as an
    /// isotropic two-body decay does, and each either crosses the ECAL's interaction lengths without interacting (a MIP)
    /// or showers in it (<see cref="ShowerWithin"/>), its hadronic energy leaking out of the back lost to the ECAL.
    /// </summary>
    private double ChargedPionsInEcal(ref EventRandom rng, double kaonGeV)
    {
        const double restEnergy = KaonMassGeV / 2;
        var restMomentum = Math.Sqrt(restEnergy * restEnergy - ChargedPionMassGeV * ChargedPionMassGeV);
        var gamma = kaonGeV / KaonMassGeV;
        var gammaBeta = Math.Sqrt(gamma * gamma - 1);
        var first = gamma * restEnergy + gammaBeta * restMomentum * (2 * rng.NextDouble() - 1);
        var ecal = 0.0;
        foreach (var e in (ReadOnlySpan<double>)[first, kaonGeV - first])
            ecal += rng.Chance(-SpecialFunctions.ExpM1(-_ecalLambdas)) ? e - ShowerWithin(ref rng, e, _ecalLambdas) : Math.Min(e, _ecalMipGeV);
        return ecal;
    }

    /// <summary>
    /// A hadron of <paramref name="energyGeV"/> that interacts within <paramref name="lambdas"/> interaction lengths, at
    /// an exponential depth given that it does, as §4's hadrons shower: an EM part of 1 − (E/1 GeV)^−0.18 ± 0.15 (clipped
    /// to [0, 1]) stays, and its hadronic part's Gamma(2, θ) profile behind the interaction point, θ = 0.9 λ ± 25 %
    /// (clipped to [0.3, 2] of it), leaks out of the back. Returns the hadronic energy that leaks. The EM part is taken as
    /// contained, and the absorber's own resolution applies to the sum it reads.
    /// </summary>
    private static double ShowerWithin(ref EventRandom rng, double energyGeV, double lambdas)
    {
        var depth = -Math.Log(1 - rng.NextDouble() * -SpecialFunctions.ExpM1(-lambdas));
        var emFraction = energyGeV > 1 ? 1 - Math.Pow(energyGeV, -CalorimeterSimulator.EmFractionExponent) : 0;
        emFraction = Math.Clamp(emFraction + CalorimeterSimulator.EmFractionSpread * FastNormal.Sample(ref rng), 0, 1);
        var theta = CalorimeterSimulator.HadronicScaleLambda * Math.Clamp(1 + CalorimeterSimulator.HadronicScaleSpread * FastNormal.Sample(ref rng), 0.3, 2.0);
        var rest = Math.Max(lambdas - depth, 0) / theta;
        return energyGeV * (1 - emFraction) * Math.Exp(-rest) * (1 + rest);
    }
}
