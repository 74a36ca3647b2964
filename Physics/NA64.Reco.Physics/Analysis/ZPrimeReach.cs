using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Simulation.ZPrime;
using NA64.Reco.Physics.Statistics;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// NA64μ's limits on the Z' coupling g (physics.md §8b, §8c, §9) for a muon-programme setup: per mass the emitter's
/// yield in the ECAL of its conditions above the x that can still pass its <c>outgoing-momentum</c> cut
/// (<see cref="MuonEventSimulation.EmissionTarget"/>), the efficiency of the cut-flow of simulated Z' events through its
/// selection, the beam muons' cut-flow, and the one limit path (<see cref="LimitTable"/>) at the exposure and at each
/// projection. A campaign gives the cut-flows from its samples and the exposure from its beam muons
/// (<see cref="CampaignAnalysis"/>); <c>na64 zprime-reach</c> simulates them directly at the setup's exposure
/// (<see cref="Compute"/>). Projections are background-free, as NA64's own are; <see cref="BackgroundBound"/> gives, for
/// each, the largest beam-muon background the simulated beam muons leave possible there.
/// </summary>
/// <param name="Setup">The setup it was computed for.</param>
/// <param name="Signals">One signal point per mass (yield per MOT per g² × BR(Z' → invisible), the efficiency), by increasing mass.</param>
/// <param name="CutFlows">The selection's cut-flow per mass.</param>
/// <param name="BeamCutFlow">The selection's cut-flow of beam muons that emit nothing; null when none were simulated.</param>
/// <param name="Observed">g_90 at the exposure, with the observed count and that background.</param>
/// <param name="Projections">g_90 at each projected exposure, with no background.</param>
public sealed record ZPrimeReach(
    Setup Setup,
    IReadOnlyList<SignalPoint> Signals,
    IReadOnlyList<MuonCutFlow> CutFlows,
    MuonCutFlow? BeamCutFlow,
    LimitTable Observed,
    IReadOnlyList<LimitTable> Projections)
{
    /// <summary>The exposure of <see cref="Observed"/>, MOT.</summary>
    public double Mot => Observed.Inputs.Eot;

    /// <summary>The background of <see cref="Observed"/>: the beam muons' expected count in the signal region at <see cref="Mot"/>.</summary>
    public BackgroundInput Background => Observed.Inputs.Background;

    /// <summary>The names of the setup's cuts, in its order: the rows of every cut-flow.</summary>
    public IReadOnlyList<string> CutNames => [.. Setup.Selection.Select(c => c.Cut)];

    /// <summary>
    /// The largest beam-muon background the simulated beam muons leave possible at <paramref name="mot"/>: their count
    /// in the signal region n, at its 1σ upper end (n + √n; zero counts: the 68% bound of zero, 1.15 events), scaled
    /// from their number to <paramref name="mot"/>. NaN without beam muons.
    /// </summary>
    public double BackgroundBound(double mot)
    {
        if (BeamCutFlow is not { Events: > 0 } beam) return double.NaN;
        var b = BeamBackground(beam, mot);
        return b.IsUpperBound ? b.Upper : b.Expected + b.Uncertainty;
    }

    /// <summary>
    /// The beam muons' background at <paramref name="mot"/> from their cut-flow, scaled from their number: n passing
    /// every cut gives n ± √n, scaled; none gives an upper bound, the 68% bound of zero counts scaled (as the invisible
    /// mode's MC-truth sources, <see cref="SourceBackground"/>).
    /// </summary>
    public static BackgroundInput BeamBackground(MuonCutFlow beam, double mot)
    {
        ArgumentNullException.ThrowIfNull(beam);
        if (beam.Events <= 0) throw new ArgumentException("a cut-flow of no beam muons estimates no background", nameof(beam));
        var scale = mot / beam.Events;
        var n = beam.PassedAfter[^1];
        return n == 0 ? BackgroundInput.UpperBound(SourceBackground.ZeroCountUpperBound68 * scale) : BackgroundInput.Estimate(n * scale, Math.Sqrt(n) * scale);
    }

    /// <summary>
    /// Simulates <paramref name="emissions"/> forced emissions per mass of <paramref name="setup"/>'s signal and as many
    /// beam muons, from <paramref name="seed"/>, and gives the limits at the setup's exposure, with no event observed and
    /// no background, and its projections: the reach from the models alone.
    /// </summary>
    public static ZPrimeReach Compute(Setup setup, int emissions, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var simulation = new MuonEventSimulation(setup, MuonCalorimeterPassage.Of(setup.Conditions));
        var masses = setup.Signal!.MassesMeV;
        var flows = masses.Select(m => simulation.Run(simulation.EmitterFor(m), emissions, seed)).ToArray();
        return From(setup, masses, flows, simulation.Run(null, emissions, seed), setup.Exposure!.OnTarget, 0, BackgroundInput.None, new CampaignAnalysisOptions());
    }

    /// <summary>
    /// The limits of Z' cut-flows <paramref name="flows"/> at masses <paramref name="massesMeV"/> (any order), with
    /// <paramref name="observed"/> events and <paramref name="background"/> at <paramref name="mot"/>, projected to the
    /// setup's exposure and its signal's projections; the limit method and prior of <paramref name="options"/>, the MOT
    /// uncertainty of the setup's exposure.
    /// </summary>
    public static ZPrimeReach From(Setup setup, IReadOnlyList<double> massesMeV, IReadOnlyList<MuonCutFlow> flows, MuonCutFlow? beam,
        double mot, int observed, BackgroundInput background, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(massesMeV);
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(options);
        if (massesMeV.Count != flows.Count) throw new ArgumentException($"{massesMeV.Count} masses and {flows.Count} cut-flows", nameof(flows));
        var target = MuonEventSimulation.EmissionTarget(setup);
        var order = Enumerable.Range(0, massesMeV.Count).OrderBy(i => massesMeV[i]).ToArray();
        var signals = order.Select(i => SignalPoint.ForZPrime(new ZPrimeEmitter(target, massesMeV[i], setup.BeamEnergyGeV), flows[i].Efficiency, flows[i].Uncertainty)).ToArray();
        var exposure = setup.Exposure!;
        var inputs = new LimitInputs(observed, background, mot)
        {
            Method = options.Method,
            SignalPrior = options.SignalPrior,
            EotRelativeUncertainty = exposure.RelativeUncertainty,
        };
        // The setup's own exposure first (its publication's), then its signal's projections; each once.
        var projected = new[] { exposure.OnTarget }.Concat(setup.Signal!.Projections).Where(m => m != mot).Distinct().ToArray();
        var free = inputs with { Observed = 0, Background = BackgroundInput.None };
        return new ZPrimeReach(setup, signals, order.Select(i => flows[i]).ToArray(), beam,
            LimitTable.Build(signals, inputs), projected.Select(m => LimitTable.Projected(signals, free, m)).ToArray());
    }
}
