using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The visible programme's excluded region in (m, ε) (physics.md §8a, §9) for a visible-programme setup: per mass the X
/// emitted in its dump, decaying to e⁺e⁻ in its decay region and passing its selection
/// (<see cref="VisibleDecayYield.SelectedPerEot"/>), and the band of ε where the expected signal EOT · S(ε) reaches N_up
/// (<see cref="EpsilonBand"/>), at the setup's exposure and at each of its projections. N_up is the one limit path's
/// (<see cref="PoissonLimits"/>): no event observed and no background, the signal scale uncertain by the A' yield's
/// 10 % ⊕ the exposure's uncertainty. The reach from the models alone: no background source of the visible mode is
/// simulated yet.
/// </summary>
/// <param name="Setup">The setup it was computed for.</param>
/// <param name="Yields">One decay yield per mass, by increasing mass.</param>
/// <param name="Inputs">The limit's inputs at the setup's exposure (no event, no background).</param>
/// <param name="NUp">N_up of those inputs.</param>
/// <param name="Bands">Per exposure (the setup's, then its projections), the band of each mass in <see cref="Yields"/>' order.</param>
public sealed record VisibleReach(
    Setup Setup,
    IReadOnlyList<VisibleDecayYield> Yields,
    LimitInputs Inputs,
    double NUp,
    IReadOnlyList<VisibleReach.Exposure> Bands)
{
    /// <summary>The bands at one exposure.</summary>
    /// <param name="Eot">Electrons on target.</param>
    /// <param name="PerMass">The band of each mass, in <see cref="Yields"/>' order.</param>
    public sealed record Exposure(double Eot, IReadOnlyList<EpsilonBand> PerMass);

    /// <summary>The names of the cut-flow's steps: produced, decayed in the region, then the setup's cuts in its order.</summary>
    public IReadOnlyList<string> StepNames => [Produced, DecaysInRegion, .. Yields.Count > 0 ? Yields[0].CutNames : []];

    public const string Produced = "produced", DecaysInRegion = "decays-in-region";

    /// <summary>
    /// The cut-flow of mass <paramref name="index"/> at <paramref name="epsilon"/>, per EOT: X produced above the
    /// threshold (ε² times the production at ε = 1), those decaying in the region, and those left after each cut.
    /// </summary>
    public IReadOnlyList<double> CutFlow(int index, double epsilon)
    {
        var y = Yields[index];
        var steps = new double[2 + y.CutNames.Count];
        steps[0] = epsilon * epsilon * y.ProductionPerEot;
        for (var k = -1; k < y.CutNames.Count; k++) steps[k + 2] = y.PassedPerEot(epsilon, k);
        return steps;
    }

    /// <summary>
    /// Simulates <paramref name="emissions"/> forced emissions per mass of <paramref name="setup"/>'s signal from
    /// <paramref name="seed"/>, and solves the bands at its exposure and projections with the limit method and prior of
    /// <paramref name="options"/>.
    /// </summary>
    public static VisibleReach Compute(Setup setup, int emissions, ulong seed, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(options);
        if (setup.Programme != SetupProgramme.Visible) throw new ArgumentException($"setup '{setup.Name}' is of the {setup.Programme} programme, not the visible one", nameof(setup));
        var yields = setup.Signal!.MassesMeV.Order().Select(m => VisibleDecayYield.Of(setup, m, emissions, seed)).ToArray();
        var exposure = setup.Exposure!;
        var inputs = new LimitInputs(0, BackgroundInput.None, exposure.OnTarget)
        {
            Method = options.Method,
            SignalPrior = options.SignalPrior,
            EotRelativeUncertainty = exposure.RelativeUncertainty,
        };
        // The scale's uncertainty is the same at every mass: the yield's and the exposure's (the efficiency's statistical
        // error is that of a ratio over the same emissions, below 1 % at the default count, and is left out).
        var sigma = LimitTable.SignalRelativeUncertainty(new SignalPoint(0, 0, 0, 0), inputs);
        var nUp = PoissonLimits.UpperLimit(inputs.Method, 0, BackgroundInput.None, new SignalUncertainty(sigma, inputs.EffectiveSignalPrior), inputs.ConfidenceLevel);
        var exposures = new[] { exposure.OnTarget }.Concat(setup.Signal.Projections).Distinct().ToArray();
        var bands = exposures.Select(eot => new Exposure(eot,
            yields.Select(y => EpsilonBand.Solve(e => eot * y.SelectedPerEot(e), nUp)).ToArray())).ToArray();
        return new VisibleReach(setup, yields, inputs, nUp, bands);
    }
}
