using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The visible programme's excluded region in (m, ε) (physics.md §8a, §9) for one visible-programme setup or the
/// combination of several (NA64's 2017 and 2018 runs): per setup and mass the X emitted in its dump, decaying to e⁺e⁻
/// in its decay region and passing its selection (<see cref="VisibleDecayYield.SelectedPerEot"/>); the expected signal
/// is the sum over the setups, N(ε) = Σ EOT_s · S_s(ε), and the band of ε where it reaches N_up
/// (<see cref="EpsilonBand"/>) is solved at the setups' total exposure and at each projection, each setup keeping its
/// share of the total. N_up is the one limit path's (<see cref="PoissonLimits"/>): no event observed and no background,
/// the signal scale uncertain by the A' yield's 10 % ⊕ the largest of the setups' exposure uncertainties. The reach from
/// the models alone: no background source of the visible mode is simulated yet.
/// </summary>
/// <param name="Parts">The setups, in the order given, each with its yields and its share of the exposure.</param>
/// <param name="MassesMeV">The setups' signal masses and <see cref="X17MassMeV"/>, increasing: every setup's yields are in this order.</param>
/// <param name="Inputs">The limit's inputs at the total exposure (no event, no background).</param>
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
    /// 16.70 ± 0.35 (stat) ± 0.5 (syst) MeV), the visible search's benchmark. Every reach has its row.
    /// </summary>
    public const double X17MassMeV = 16.7;

    /// <summary>One setup of the reach.</summary>
    /// <param name="Setup">The setup.</param>
    /// <param name="Yields">Its decay yield per mass, in <see cref="MassesMeV"/>' order.</param>
    /// <param name="Share">Its exposure over the setups' total: it keeps that share at every projected exposure.</param>
    public sealed record Part(Setup Setup, IReadOnlyList<VisibleDecayYield> Yields, double Share);

    /// <summary>The bands at one exposure.</summary>
    /// <param name="Eot">Electrons on target, all setups together.</param>
    /// <param name="PerMass">The band of each mass, in <see cref="MassesMeV"/>' order.</param>
    public sealed record Exposure(double Eot, IReadOnlyList<EpsilonBand> PerMass);

    public const string Produced = "produced", DecaysInRegion = "decays-in-region";

    /// <summary>The setups' names joined by " + ".</summary>
    public string Name => string.Join(" + ", Parts.Select(p => p.Setup.Name));

    /// <summary>The names of a part's cut-flow steps: produced, decayed in the region, then its setup's cuts in order.</summary>
    public static IReadOnlyList<string> StepNames(Part part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return [Produced, DecaysInRegion, .. part.Yields.Count > 0 ? part.Yields[0].CutNames : []];
    }

    /// <summary>N(ε) of mass <paramref name="index"/> at a total exposure of <paramref name="eot"/>: Σ_s share_s · EOT · S_s(ε).</summary>
    public double ExpectedEvents(int index, double eot, double epsilon) => Expected(Parts, index, eot, epsilon);

    /// <summary>
    /// The cut-flow of <paramref name="part"/> at mass <paramref name="index"/> and <paramref name="epsilon"/>, per EOT
    /// of that setup: X produced above the threshold (ε² times the production at ε = 1), those decaying in the region,
    /// and those left after each cut.
    /// </summary>
    public static IReadOnlyList<double> CutFlow(Part part, int index, double epsilon)
    {
        ArgumentNullException.ThrowIfNull(part);
        var y = part.Yields[index];
        var steps = new double[2 + y.CutNames.Count];
        steps[0] = epsilon * epsilon * y.ProductionPerEot;
        for (var k = -1; k < y.CutNames.Count; k++) steps[k + 2] = y.PassedPerEot(epsilon, k);
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
            selected += p.Share * p.Yields[index].SelectedPerEot(epsilon);
        }
        return decays > 0 ? selected / decays : double.NaN;
    }

    /// <summary>The reach of one setup: <see cref="Compute(IReadOnlyList{Setup}, int, ulong, CampaignAnalysisOptions)"/> of it alone.</summary>
    public static VisibleReach Compute(Setup setup, int emissions, ulong seed, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(setup);
        return Compute([setup], emissions, seed, options);
    }

    /// <summary>
    /// Simulates <paramref name="emissions"/> forced emissions per mass of each setup's signal from
    /// <paramref name="seed"/>, and solves the bands of their sum at their total exposure and at the projections (each
    /// setup's, once each, in order of appearance) with the limit method and prior of <paramref name="options"/>. The
    /// setups must be of the visible programme, of distinct names and of the same signal masses.
    /// </summary>
    public static VisibleReach Compute(IReadOnlyList<Setup> setups, int emissions, ulong seed, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(setups);
        ArgumentNullException.ThrowIfNull(options);
        if (setups.Count is 0 or > MaxSetups) throw new ArgumentException($"a reach combines 1 to {MaxSetups} setups, got {setups.Count}", nameof(setups));
        foreach (var s in setups)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(setups));
            if (s.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{s.Name}' is of the {s.Programme} programme, not the visible one", nameof(setups));
        }
        if (setups.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"setup '{twice.Key}' is given twice");
        var masses = Masses(setups[0]);
        if (setups.Skip(1).FirstOrDefault(s => !Masses(s).SequenceEqual(masses)) is { } other)
            throw new ArgumentException($"setups '{setups[0].Name}' and '{other.Name}' have different signal masses: a combination needs the same masses");
        // The sum in the order given: the same setups in the same order give the same bytes.
        var total = 0.0;
        foreach (var s in setups) total += s.Exposure!.OnTarget;
        var parts = setups.Select(s => new Part(s,
            masses.Select(m => VisibleDecayYield.Of(s, m, emissions, seed)).ToArray(), s.Exposure!.OnTarget / total)).ToArray();
        var inputs = new LimitInputs(0, BackgroundInput.None, total)
        {
            Method = options.Method,
            SignalPrior = options.SignalPrior,
            // The runs' exposures are not known to be independent: the combination keeps the largest of their uncertainties.
            EotRelativeUncertainty = setups.Max(s => s.Exposure!.RelativeUncertainty),
        };
        // The scale's uncertainty is the same at every mass: the yield's and the exposure's (the efficiency's statistical
        // error is that of a ratio over the same emissions, below 1 % at the default count, and is left out).
        var sigma = LimitTable.SignalRelativeUncertainty(new SignalPoint(0, 0, 0, 0), inputs);
        var nUp = PoissonLimits.UpperLimit(inputs.Method, 0, BackgroundInput.None, new SignalUncertainty(sigma, inputs.EffectiveSignalPrior), inputs.ConfidenceLevel);
        var exposures = new[] { total }.Concat(setups.SelectMany(s => s.Signal!.Projections)).Distinct().ToArray();
        var bands = exposures.Select(eot => new Exposure(eot,
            masses.Select((_, i) => EpsilonBand.Solve(e => Expected(parts, i, eot, e), nUp)).ToArray())).ToArray();
        return new VisibleReach(parts, masses, inputs, nUp, bands);
    }

    /// <summary>A setup's signal masses with the X17's, once each, increasing.</summary>
    private static double[] Masses(Setup setup) => [.. setup.Signal!.MassesMeV.Append(X17MassMeV).Distinct().Order()];

    private static double Expected(IReadOnlyList<Part> parts, int index, double eot, double epsilon)
    {
        var n = 0.0;
        foreach (var p in parts) n += p.Share * eot * p.Yields[index].SelectedPerEot(epsilon);
        return n;
    }
}
