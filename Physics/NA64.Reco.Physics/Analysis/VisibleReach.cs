using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The visible programme's excluded region in (m, ε) (physics.md §8a, §9) for one visible-programme setup or the
/// combination of several (NA64's 2017 and 2018 runs): per setup and mass the X emitted in its dump and decaying to e⁺e⁻
/// in its decay region (<see cref="VisibleDecayYield"/>), times the efficiency of its selection over simulated signal
/// events (<see cref="VisibleCutFlow"/>: the readings do not depend on where the X decays, so neither does it); the
/// expected signal is the sum over the setups, N(ε) = Σ EOT_s · eff_s · S_s(ε), and the band of ε where it reaches N_up
/// (<see cref="EpsilonBand"/>) is solved at the setups' total exposure and at each projection, each setup keeping its
/// share of the total. N_up is the one limit path's (<see cref="PoissonLimits"/>), with the background each setup's
/// <see cref="VisibleKaonShortBackground"/> gives at its exposure: no event observed at the setups' exposure, the median
/// count of the scaled background at a projection (as <see cref="LimitTable.Projected"/>); the signal scale uncertain
/// by the A' yield's 10 % ⊕ the largest of the setups' exposure uncertainties.
/// </summary>
/// <param name="Parts">The setups, in the order given, each with its yields and its share of the exposure.</param>
/// <param name="MassesMeV">The setups' signal masses and <see cref="X17MassMeV"/>, increasing: every setup's yields are in this order.</param>
/// <param name="Inputs">The limit's inputs at the total exposure (no event observed, the setups' background).</param>
/// <param name="NUp">N_up of those inputs.</param>
/// <param name="Bands">Per total exposure (the setups', then the projections), the band of each mass.</param>
public sealed record VisibleReach(
    IReadOnlyList<VisibleReach.Part> Parts,
    IReadOnlyList<double> MassesMeV,
    LimitInputs Inputs,
    double NUp,
    IReadOnlyList<VisibleReach.Exposure> Bands)
{
    /// <summary>The most setups one reach combines.</summary>
    public const int MaxSetups = 8;

    /// <summary>
    /// The X17's mass, MeV: the boson proposed for the ⁸Be anomaly (Krasznahorkay et al., PRL 116 (2016) 042501:
    /// 16.70 ± 0.35 (stat) ± 0.5 (syst) MeV), the visible search's benchmark. Every reach from the models has its row.
    /// </summary>
    public const double X17MassMeV = 16.7;

    /// <summary>Emissions per mass of a decay yield, and their seed, unless told otherwise (a campaign's analysis takes these).</summary>
    public const int DefaultEmissions = 20_000;
    /// <summary>Events of each setup's background sample, unless told otherwise (a campaign's analysis takes these).</summary>
    public const int DefaultBackgroundEvents = 1_000_000;
    public const ulong DefaultSeed = 2026;

    /// <summary>One setup of the reach.</summary>
    /// <param name="Setup">The setup.</param>
    /// <param name="Yields">Its decay yield per mass, in <see cref="MassesMeV"/>' order.</param>
    /// <param name="Flows">Its selection's cut-flow per mass, in the same order.</param>
    /// <param name="Share">Its exposure over the setups' total: it keeps that share at every projected exposure.</param>
    /// <param name="Backgrounds">Its background samples' cut-flows, weights per EOT: one per K⁰_S decay
    /// (<see cref="VisibleKaonShortBackground.Decay"/>, in its order).</param>
    public sealed record Part(Setup Setup, IReadOnlyList<VisibleDecayYield> Yields, IReadOnlyList<VisibleCutFlow> Flows, double Share,
        IReadOnlyList<VisibleCutFlow> Backgrounds)
    {
        /// <summary>
        /// Events per EOT of this setup's background source <paramref name="source"/> at <paramref name="slot"/> of its
        /// cut-flow (0: before the cuts, k + 1: after cut k), and its 1σ statistical error.
        /// </summary>
        public (double PerEot, double Uncertainty) BackgroundPerEot(int source, int slot)
        {
            var flow = Backgrounds[source];
            return flow.Events > 0 ? (flow.WeightAfter[slot] / flow.Events, Math.Sqrt(flow.SquaredWeightAfter[slot]) / flow.Events) : (0, 0);
        }

        /// <summary>X per EOT of this setup at mass <paramref name="index"/> that decay in the region and pass every cut.</summary>
        public double SelectedPerEot(int index, double epsilon) => Flows[index].Efficiency * Yields[index].PerEot(epsilon);
    }

    /// <summary>The bands at one exposure.</summary>
    /// <param name="Eot">Electrons on target, all setups together.</param>
    /// <param name="Background">The setups' expected background there, with its uncertainty.</param>
    /// <param name="Observed">The count the limit takes: none at the setups' exposure, the background's median at a projection.</param>
    /// <param name="NUp">N_up there.</param>
    /// <param name="PerMass">The band of each mass, in <see cref="MassesMeV"/>' order.</param>
    public sealed record Exposure(double Eot, BackgroundInput Background, int Observed, double NUp, IReadOnlyList<EpsilonBand> PerMass);

    public const string Produced = "produced", DecaysInRegion = "decays-in-region";

    /// <summary>The setups' names joined by " + ".</summary>
    public string Name => string.Join(" + ", Parts.Select(p => p.Setup.Name));

    /// <summary>The names of a part's cut-flow steps: produced, decayed in the region, then its setup's cuts in order.</summary>
    public static IReadOnlyList<string> StepNames(Part part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return [Produced, DecaysInRegion, .. VisibleSelection.Of(part.Setup).CutNames];
    }

    /// <summary>N(ε) of mass <paramref name="index"/> at a total exposure of <paramref name="eot"/>: Σ_s share_s · EOT · S_s(ε).</summary>
    public double ExpectedEvents(int index, double eot, double epsilon) => Expected(Parts, index, eot, epsilon);

    /// <summary>
    /// The cut-flow of <paramref name="part"/> at mass <paramref name="index"/> and <paramref name="epsilon"/>, per EOT
    /// of that setup: X produced above the threshold (ε² times the production at ε = 1), those decaying in the region,
    /// and those left after each cut (the decays times the cut-flow's weighted share after it).
    /// </summary>
    public static IReadOnlyList<double> CutFlow(Part part, int index, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(part);
        var y = part.Yields[index];
        var flow = part.Flows[index];
        var steps = new double[2 + flow.Cuts.Count];
        steps[0] = epsilon * epsilon * y.ProductionPerEot;
        steps[1] = y.PerEot(epsilon);
        for (var k = 0; k < flow.Cuts.Count; k++) steps[k + 2] = flow.FractionAfter(k) * steps[1];
        return steps;
    }

    /// <summary>
    /// The selection's efficiency at mass <paramref name="index"/> and <paramref name="epsilon"/> for X that decay in
    /// the region, all setups together (each weighted by its share); NaN when none decays there.
    /// </summary>
    public double Efficiency(int index, double epsilon)
    {
        double decays = 0, selected = 0;
        foreach (var p in Parts)
        {
            decays += p.Share * p.Yields[index].PerEot(epsilon);
            selected += p.Share * p.SelectedPerEot(index, epsilon);
        }
        return decays > 0 ? selected / decays : double.NaN;
    }

    /// <summary>The reach of one setup: <see cref="Compute(IReadOnlyList{Setup}, int, ulong, CampaignAnalysisOptions, int)"/> of it alone.</summary>
    public static VisibleReach Compute(Setup setup, int emissions, ulong seed, CampaignAnalysisOptions options, int backgroundEvents = DefaultBackgroundEvents)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return Compute([setup], emissions, seed, options, backgroundEvents);
    }

    /// <summary>
    /// Simulates <paramref name="emissions"/> forced emissions per mass of each setup's signal from
    /// <paramref name="seed"/>, for its decay yield, and as many signal events through its selection, for its cut-flow
    /// (<see cref="VisibleEventSimulation.Run"/>), <paramref name="backgroundEvents"/> background events of each from the
    /// same seed, and solves the bands of their sum (<see cref="From"/>). The setups must be of the visible programme,
    /// of distinct names and of the same signal masses.
    /// </summary>
    public static VisibleReach Compute(IReadOnlyList<Setup> setups, int emissions, ulong seed, CampaignAnalysisOptions options, int backgroundEvents = DefaultBackgroundEvents)
    {
        ArgumentNullException.ThrowIfNull(options);
        var masses = CheckSetups(setups, withX17: true);
        return Solve(setups, masses, null, emissions, seed, options, backgroundEvents, null);
    }

    /// <summary>
    /// The bands of <paramref name="setups"/> with the cut-flows <paramref name="flows"/> (per setup, per mass of
    /// <see cref="MassesMeV"/>: the setups' signal masses, as a campaign's X samples give them): each setup's decay yield from
    /// <paramref name="emissions"/> forced emissions per mass from <paramref name="seed"/>, N(ε) summed over the setups,
    /// the bands at their total exposure and at the projections (each setup's, once each, in order of appearance) with
    /// the limit method and prior of <paramref name="options"/>. Each setup's background per K⁰_S decay is the cut-flow
    /// <paramref name="backgrounds"/> gives (per setup, per <see cref="VisibleKaonShortBackground.Decay"/>: a campaign's
    /// background samples), or where it gives none, <paramref name="backgroundEvents"/> events of its
    /// <see cref="VisibleKaonShortBackground"/> from <paramref name="seed"/>.
    /// </summary>
    public static VisibleReach From(IReadOnlyList<Setup> setups, IReadOnlyList<IReadOnlyList<VisibleCutFlow>> flows, int emissions, ulong seed, CampaignAnalysisOptions options,
        int backgroundEvents = DefaultBackgroundEvents, IReadOnlyList<IReadOnlyList<VisibleCutFlow?>>? backgrounds = null)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(options);
        var masses = CheckSetups(setups, withX17: false);
        if (flows.Count != setups.Count || flows.Any(f => f is null || f.Count != masses.Length))
            throw new ArgumentException($"one cut-flow per setup and mass: {setups.Count} setups and {masses.Length} masses", nameof(flows));
        for (var p = 0; p < setups.Count; p++)
        {
            var cuts = VisibleSelection.Of(setups[p]).CutNames;
            if (flows[p].FirstOrDefault(f => !f.Cuts.SequenceEqual(cuts)) is { } other)
                throw new ArgumentException($"a cut-flow of cuts [{string.Join(", ", other.Cuts)}] for setup '{setups[p].Name}', whose cuts are [{string.Join(", ", cuts)}]", nameof(flows));
        }
        var decays = Enum.GetValues<VisibleKaonShortBackground.Decay>().Length;
        if (backgrounds is not null && (backgrounds.Count != setups.Count || backgrounds.Any(b => b is null || b.Count != decays)))
            throw new ArgumentException($"one background cut-flow (or none) per setup and K0S decay: {setups.Count} setups and {decays} decays", nameof(backgrounds));
        for (var p = 0; backgrounds is not null && p < setups.Count; p++)
        {
            var cuts = VisibleSelection.Of(setups[p]).CutNames;
            if (backgrounds[p].FirstOrDefault(f => f is not null && !f.Cuts.SequenceEqual(cuts)) is { } other)
                throw new ArgumentException($"a background cut-flow of cuts [{string.Join(", ", other.Cuts)}] for setup '{setups[p].Name}', whose cuts are [{string.Join(", ", cuts)}]", nameof(backgrounds));
        }
        return Solve(setups, masses, flows, emissions, seed, options, backgroundEvents, backgrounds);
    }

    /// <summary>The parts (the cut-flows given, or simulated when <paramref name="flows"/> is null) and their bands.</summary>
    private static VisibleReach Solve(IReadOnlyList<Setup> setups, double[] masses, IReadOnlyList<IReadOnlyList<VisibleCutFlow>>? flows,
        int emissions, ulong seed, CampaignAnalysisOptions options, int backgroundEvents, IReadOnlyList<IReadOnlyList<VisibleCutFlow?>>? backgrounds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(backgroundEvents);
        // The sum in the order given: the same setups in the same order give the same bytes.
        var total = 0.0;
        foreach (var s in setups) total += s.Exposure!.OnTarget;
        var parts = new Part[setups.Count];
        for (var p = 0; p < setups.Count; p++)
        {
            var s = setups[p];
            var simulation = new VisibleEventSimulation(s);
            var volume = s.DecayRegion!.Volume(s.Dump!);
            var yields = new VisibleDecayYield[masses.Length];
            var simulated = new VisibleCutFlow[masses.Length];
            for (var i = 0; i < masses.Length; i++)
            {
                var emitter = simulation.EmitterFor(masses[i]);
                yields[i] = new VisibleDecayYield(emitter, volume, s.BeamEnergyGeV, emissions, seed);
                simulated[i] = flows?[p][i] ?? simulation.Run(emitter, emissions, seed);
            }
            var backgroundSeed = BackgroundSeed(seed, s);
            parts[p] = new Part(s, yields, simulated, s.Exposure!.OnTarget / total, [.. Enum.GetValues<VisibleKaonShortBackground.Decay>()
                .Select(d => backgrounds?[p][(int)d] ?? new VisibleKaonShortBackground(s, d).Run(backgroundEvents, EventRandom.DeriveSeed(backgroundSeed, (ulong)d)))]);
        }
        var inputs = new LimitInputs(0, Background(parts), total)
        {
            Method = options.Method,
            SignalPrior = options.SignalPrior,
            // The runs' exposures are not known to be independent: the combination keeps the largest of their uncertainties.
            EotRelativeUncertainty = setups.Max(s => s.Exposure!.RelativeUncertainty),
        };
        // The scale's uncertainty is the same at every mass: the yield's and the exposure's (the efficiency's statistical
        // error, below 1 % at the default count, is left out).
        var sigma = LimitTable.SignalRelativeUncertainty(new SignalPoint(0, 0, 0, 0), inputs);
        var signal = new SignalUncertainty(sigma, inputs.EffectiveSignalPrior);
        var exposures = new[] { total }.Concat(setups.SelectMany(s => s.Signal!.Projections)).Distinct().ToArray();
        var bands = exposures.Select(eot =>
        {
            // At the setups' exposure no event is observed; at a projection the median of the scaled background is.
            var b = eot == total ? inputs.Background : inputs.Background.Scaled(eot / total);
            var observed = eot == total || b.IsUpperBound ? 0 : Poisson.Median(b.Expected);
            double nUp;
            try
            {
                nUp = PoissonLimits.UpperLimit(inputs.Method, observed, b, signal, inputs.ConfidenceLevel);
            }
            catch (ArgumentOutOfRangeException e)
            {
                // A bound of zero counts from a small background sample can be too wide for any limit at a large exposure.
                throw new ArgumentException(FormattableString.Invariant(
                    $"no limit at {eot:G4} EOT with the background {b} ({observed} observed): {e.Message.Split('\n')[0].Split(" (Parameter")[0]}; simulate more background events"));
            }
            // Classical and Feldman–Cousins limits fall as the background rises over the count: at b ≳ 2.3 with no event, 0.
            if (!(nUp > 0))
                throw new ArgumentException(FormattableString.Invariant(
                    $"N_up is {nUp:G4} at {eot:G4} EOT ({observed} observed, background {b}) with the {inputs.Method} method: nothing can be excluded; use CLs"));
            return new Exposure(eot, b, observed, nUp, masses.Select((_, i) => EpsilonBand.Solve(e => Expected(parts, i, eot, e), nUp)).ToArray());
        }).ToArray();
        return new VisibleReach(parts, masses, inputs, bands[0].NUp, bands);
    }

    /// <summary>
    /// The setups' background: the estimates of their sources add, and their variances, each setup's and source's sample
    /// being its own (its seed derived from the reach's, the setup's name and the source). A source whose sample leaves
    /// no event after its cuts has no estimate, only the bound of zero counts (<see cref="ZeroCountBound"/>), reported
    /// but not added: a bound is not a Gaussian width (<see cref="BackgroundInput"/>), and the limits never rise with b,
    /// so its conservative end is 0. With no source estimated, the total is the bound of their sum.
    /// </summary>
    private static BackgroundInput Background(IReadOnlyList<Part> parts)
    {
        double estimate = 0, variance = 0, bounds = 0;
        var estimated = false;
        foreach (var part in parts)
        for (var source = 0; source < part.Backgrounds.Count; source++)
        {
            var (perEot, error) = part.BackgroundPerEot(source, part.Backgrounds[source].Cuts.Count);
            var eot = part.Setup.Exposure!.OnTarget;
            if (perEot > 0)
            {
                estimated = true;
                estimate += eot * perEot;
                variance += eot * error * (eot * error);
            }
            else bounds += ZeroCountBound(part, source);
        }
        return estimated ? BackgroundInput.Estimate(estimate, Math.Sqrt(variance)) : BackgroundInput.UpperBound(bounds);
    }

    /// <summary>
    /// The 68 % CL bound, in events at its setup's exposure, of a background source whose sample left no event after
    /// its cuts: 1.148 × the sample's typical weight before the cuts (Σw²/Σw) × the exposure / its events
    /// (<see cref="SourceBackground.ZeroCountUpperBound68"/>); 0 for a sample without weight at all.
    /// </summary>
    public static double ZeroCountBound(Part part, int source)
    {
        ArgumentNullException.ThrowIfNull(part);
        var flow = part.Backgrounds[source];
        return flow.WeightAfter[0] > 0
            ? SourceBackground.ZeroCountUpperBound68 * flow.SquaredWeightAfter[0] / flow.WeightAfter[0] * part.Setup.Exposure!.OnTarget / flow.Events
            : 0;
    }

    /// <summary>The seed of a setup's background sample: the reach's, and a stable hash of the setup's name (FNV-1a).</summary>
    private static ulong BackgroundSeed(ulong seed, Setup setup)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(setup.Name)) hash = (hash ^ b) * 1099511628211UL;
        return EventRandom.DeriveSeed(seed, hash);
    }

    /// <summary>The masses of a valid list of setups (visible, distinct names, the same masses), with the X17's if asked.</summary>
    private static double[] CheckSetups(IReadOnlyList<Setup> setups, bool withX17)
    {
        ArgumentNullException.ThrowIfNull(setups);
        if (setups.Count is 0 or > MaxSetups) throw new ArgumentException($"a reach combines 1 to {MaxSetups} setups, got {setups.Count}", nameof(setups));
        foreach (var s in setups)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(setups));
            if (s.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{s.Name}' is of the {s.Programme} programme, not the visible one", nameof(setups));
        }
        if (setups.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"setup '{twice.Key}' is given twice");
        var masses = Masses(setups[0], withX17);
        if (setups.Skip(1).FirstOrDefault(s => !Masses(s, withX17).SequenceEqual(masses)) is { } other)
            throw new ArgumentException($"setups '{setups[0].Name}' and '{other.Name}' have different signal masses: a combination needs the same masses");
        return masses;
    }

    /// <summary>A setup's signal masses (with the X17's if asked), once each, increasing.</summary>
    private static double[] Masses(Setup setup, bool withX17) =>
        [.. (withX17 ? setup.Signal!.MassesMeV.Append(X17MassMeV) : setup.Signal!.MassesMeV).Distinct().Order()];

    private static double Expected(IReadOnlyList<Part> parts, int index, double eot, double epsilon)
    {
        var n = 0.0;
        foreach (var p in parts) n += p.Share * eot * p.SelectedPerEot(index, epsilon);
        return n;
    }
}
