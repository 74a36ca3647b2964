using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Selection;
using NA64.Reco.Physics.Setups;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Simulation.Muon;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The analysis products of a finished campaign (physics.md §8–9, docs/statistics.md §7): efficiency tables of the
/// signal samples, the background in the signal box (ABCD from the reference sample, MC truth per source), and the
/// 90% CL limits ε_90(m) with their projections. Pure function of the merged summaries: as deterministic as they are.
/// </summary>
public sealed class CampaignAnalysis
{
    /// <summary>"data" when the campaign reprocesses raw files, "beam" for an MC campaign with a beam sample, else null.</summary>
    public string? ReferenceKind { get; private init; }

    /// <summary>Samples merged into the reference (the observed count, the ABCD plane and the EOT of the limits).</summary>
    public IReadOnlyList<string> ReferenceSamples { get; private init; } = [];

    /// <summary>EOT of the reference: the data EOT every background and limit is scaled to (0 without a reference).</summary>
    public long ReferenceEot { get; private init; }

    /// <summary>Each sample's equivalent exposure, by name (<see cref="SampleExposure"/>).</summary>
    public IReadOnlyList<SampleExposure> Exposures { get; private init; } = [];

    /// <summary>Events of the reference in the signal box (the observed count).</summary>
    public long Observed { get; private init; }

    /// <summary>Signal efficiency tables, one per signal sample with events, by increasing mass.</summary>
    public IReadOnlyList<KeyValuePair<string, EfficiencyTable>> Efficiencies { get; private init; } = [];

    public BackgroundEstimate? Abcd { get; private init; }

    public IReadOnlyList<McSourceEstimate> McSources { get; private init; } = [];

    /// <summary>The per-source background table and its total (<see cref="BackgroundTable"/>); null without a reference or background MC.</summary>
    public BackgroundTable? Backgrounds { get; private init; }

    /// <summary>Which estimate the limits use: "sources" (the table's total), "abcd" or "none" (b = 0).</summary>
    public string LimitBackgroundMethod { get; private init; } = "none";

    public LimitInputs? Inputs { get; private init; }

    /// <summary>Where the A' yield's systematic of each mass comes from: <see cref="TheoryModelName"/>, or "flat" (the spec's value).</summary>
    public string YieldUncertaintyModel { get; private init; } = TheoryModelName;

    /// <summary>The yield's systematic as the IWW-vs-exact-tree-level difference per mass (docs/physics.md §9).</summary>
    public const string TheoryModelName = "iww-vs-etl";

    /// <summary>Observed limits, null without a reference or without signal samples.</summary>
    public LimitTable? Limits { get; private init; }

    /// <summary>The dimuon cross-check of the reference (physics.md §7b); null without a reference exposure.</summary>
    public DimuonCrossCheck? Dimuons { get; private init; }

    /// <summary>
    /// The muon programme's products (cut-flows, efficiencies, the beam muons' background, the limits on g and their
    /// projections); null for an invisible-mode campaign, whose products are the other properties.
    /// </summary>
    public ZPrimeReach? ZPrime { get; private init; }

    /// <summary>
    /// The visible programme's products (the cut-flow and efficiency per mass, the excluded ε band per mass at the
    /// setup's exposure and its projections); null for a campaign of another programme.
    /// </summary>
    public VisibleReach? Visible { get; private init; }

    /// <summary>Median expected limits for each of <see cref="CampaignAnalysisOptions.ProjectedEot"/>.</summary>
    public IReadOnlyList<LimitTable> Projections { get; private init; } = [];

    /// <summary>Projected EOT left out because their background exceeds <see cref="CampaignAnalysisOptions.MaxProjectedBackground"/>.</summary>
    public IReadOnlyList<double> SkippedProjections { get; private init; } = [];

    /// <summary>
    /// The analysis of <paramref name="samples"/> under the campaign's <paramref name="setup"/>: for the invisible
    /// programme, that of its conditions (below); for the muon programme, <see cref="ZPrime"/>: the beam muons
    /// (<c>muon</c> samples) are the reference, whose events are the MOT and whose count in the signal region is the
    /// observed one and, scaled, the background (<see cref="ZPrimeReach.BeamBackground"/>); each <c>zprime</c> sample
    /// gives its mass's efficiency. Without beam muons, the limits are at the setup's exposure, background-free.
    /// </summary>
    public static CampaignAnalysis From(IReadOnlyList<SampleResult> samples, Setup setup, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(options);
        if (setup.Programme == SetupProgramme.Visible) return VisibleFrom(samples, setup, options);
        if (setup.Programme != SetupProgramme.Muon) return From(samples, setup.Conditions, options);
        var cuts = MuonSelection.Of(setup).CutNames;
        var ordered = samples.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var reference = SampleExposure.ReferenceSamples(ordered);
        var beam = new EventSummary();
        foreach (var s in reference) beam.Merge(s.Summary);
        var signals = ordered.Where(s => s.Sample.Kind == SampleKind.ZPrime && s.Summary.MuonEvents > 0).ToArray();
        var beamFlow = beam.MuonEvents > 0 ? MuonCutFlow.Of(beam, cuts) : null;
        var mot = beamFlow is null ? setup.Exposure!.OnTarget : beam.Eot;
        var observed = beamFlow?.PassedAfter[^1] ?? 0;
        var zprime = ZPrimeReach.From(setup, [.. signals.Select(s => s.Sample.MassAPrimeMeV)], [.. signals.Select(s => MuonCutFlow.Of(s.Summary, cuts))], beamFlow,
            mot, (int)Math.Min(observed, int.MaxValue), beamFlow is null ? BackgroundInput.None : ZPrimeReach.BeamBackground(beamFlow, mot), options);
        return new CampaignAnalysis
        {
            ZPrime = zprime,
            ReferenceKind = reference.Count == 0 ? null : "beam",
            ReferenceSamples = reference.Select(s => s.Name).ToArray(),
            ReferenceEot = beam.Eot,
            Exposures = ordered.Select(s => SampleExposure.Of(s, setup.Conditions)).ToArray(),
            Observed = observed,
            LimitBackgroundMethod = beamFlow is null ? "none" : MuonBeamBackgroundMethod,
            Inputs = zprime.Observed.Inputs,
        };
    }

    /// <summary>
    /// A visible-programme campaign (<see cref="Visible"/>): each <c>x</c> sample gives its mass's cut-flow, and the band
    /// is solved at the setup's exposure (its publication's) with the decay yields of <see cref="VisibleReach.DefaultEmissions"/>
    /// emissions per mass. The K⁰_S background of each decay is its <c>k0s-pi0pi0</c> or <c>k0s-pipi</c> sample's cut-flow
    /// (the campaign's events, weights per EOT), or without such a sample <see cref="VisibleReach.DefaultBackgroundEvents"/>
    /// events simulated by the analysis. Nothing is observed at the setup's exposure.
    /// </summary>
    private static CampaignAnalysis VisibleFrom(IReadOnlyList<SampleResult> samples, Setup setup, CampaignAnalysisOptions options)
    {
        var cuts = VisibleSelection.Of(setup).CutNames;
        var ordered = samples.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        // Without an x sample with events (all quarantined, say) the reach has no mass, and its tables no rows.
        var signals = ordered.Where(s => s.Sample.Kind == SampleKind.X && s.Summary.VisibleEvents > 0).OrderBy(s => s.Sample.MassAPrimeMeV).ToArray();
        var masses = setup with { Signal = setup.Signal! with { MassesMeV = [.. signals.Select(s => s.Sample.MassAPrimeMeV)] } };
        VisibleCutFlow? Background(SampleKind kind) =>
            ordered.FirstOrDefault(s => s.Sample.Kind == kind && s.Summary.VisibleEvents > 0) is { } b ? VisibleCutFlow.Of(b.Summary, cuts) : null;
        VisibleCutFlow?[] backgrounds = [.. Enum.GetValues<VisibleKaonShortBackground.Decay>().Select(d => Background(VisibleKaonShortBackground.SampleKindOf(d)))];
        var reach = VisibleReach.From([masses], [[.. signals.Select(s => VisibleCutFlow.Of(s.Summary, cuts))]], VisibleReach.DefaultEmissions, VisibleReach.DefaultSeed, options,
            VisibleReach.DefaultBackgroundEvents, [backgrounds]);
        return new CampaignAnalysis
        {
            Visible = reach,
            ReferenceSamples = [],
            Exposures = ordered.Select(s => SampleExposure.Of(s, setup.Conditions)).ToArray(),
            LimitBackgroundMethod = VisibleKaonShortBackground.MethodName,
            Inputs = reach.Inputs,
        };
    }

    /// <summary>The muon programme's background method: the beam muons' MC count in the signal region, scaled to the MOT.</summary>
    public const string MuonBeamBackgroundMethod = "beam-muons";

    /// <summary>
    /// The analysis of <paramref name="samples"/> under the campaign's <paramref name="conditions"/> (its selection's
    /// ABCD side-bands, its A' cross-section for the yield's theory systematic): signal samples give the efficiency
    /// tables, the samples read from raw files (else the simulated beam) the reference, the simulated beam, hadron and
    /// dimuon samples the MC-truth estimates. The same function serves the results files and the command host's palettes.
    /// </summary>
    public static CampaignAnalysis From(IReadOnlyList<SampleResult> samples, DetectorConditions conditions, CampaignAnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(options);
        var sidebands = AbcdSidebands.FromCuts(conditions.Cuts);
        var ordered = samples.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

        var efficiencies = new List<KeyValuePair<string, EfficiencyTable>>();
        foreach (var s in ordered)
            if (!s.FromFiles && s.Sample.Kind == SampleKind.Signal && s.Summary.CutFlow[(int)Cut.All] > 0 && s.Summary.Eot > 0)
                efficiencies.Add(new(s.Name, EfficiencyTable.From(s.Summary, s.Sample.MassAPrimeMeV)));
        efficiencies.Sort((a, b) => a.Value.MassMeV.CompareTo(b.Value.MassMeV));

        // The reference: the samples read from raw files when the campaign reprocesses files, otherwise the simulated
        // beam, which stands in for the data of an MC-only campaign.
        var reference = SampleExposure.ReferenceSamples(ordered);
        string? kind = reference.Count == 0 ? null : reference[0].FromFiles ? "data" : "beam";
        var exposures = ordered.Select(s => SampleExposure.Of(s, conditions)).ToArray();
        EventSummary? merged = null;
        foreach (var s in reference)
        {
            if (merged is null) merged = s.Summary.Clone();
            else merged.Merge(s.Summary);
        }
        var eot = merged?.Eot ?? 0;
        var observed = merged?.CutFlow[(int)Cut.SignalBox] ?? 0;
        var abcd = merged is null ? null : AbcdBackground.Estimate(merged.EcalVsHcal, sidebands);

        // Each simulated background sample scaled by its equivalent exposure, not by its event count: a hadron or a
        // forced-dimuon event stands for many electrons on target.
        var mc = new List<McSourceEstimate>();
        if (eot > 0)
            for (var i = 0; i < ordered.Length; i++)
            {
                var s = ordered[i];
                if (!s.FromFiles && s.Sample.Kind is SampleKind.Beam or SampleKind.Hadron or SampleKind.Kaon or SampleKind.Dimuon or SampleKind.Electron
                    && exposures[i].EquivalentEot is { } equivalent && equivalent > 0)
                    mc.Add(new McSourceEstimate(s.Name, equivalent, exposures[i].Basis,
                        SourceBackground.Total(s.Summary, equivalent, eot),
                        SourceBackground.PerSource(s.Summary, equivalent, eot)));
            }

        // The limits take the per-source table's total; without background MC, the data-driven ABCD estimate where its
        // regions are populated. Either is an upper bound rather than an estimate when it rests on zero counts.
        var table = merged is null ? null : BackgroundTable.From(ordered, exposures, merged, kind == "data", eot, conditions);
        var backgroundMethod = "none";
        var background = BackgroundInput.None;
        if (table is not null)
        {
            backgroundMethod = BackgroundTable.TotalMethod;
            background = table.ForLimits();
        }
        else if (abcd is { IsDefined: true })
        {
            backgroundMethod = AbcdBackground.MethodName;
            background = abcd.ForLimits();
        }

        LimitInputs? inputs = null;
        LimitTable? limits = null;
        var projections = new List<LimitTable>();
        var skipped = new List<double>();
        if (eot > 0)
        {
            inputs = new LimitInputs((int)Math.Min(observed, int.MaxValue), background, eot)
            {
                Method = options.Method,
                SignalPrior = options.SignalPrior,
                EotRelativeUncertainty = options.EotRelativeUncertainty,
            };
            if (options.YieldRelativeUncertainty is { } flat) inputs = inputs with { YieldRelativeUncertainty = flat };
            if (efficiencies.Count > 0)
            {
                var signals = efficiencies.Select(e => SignalPoint.From(e.Value) with
                {
                    YieldRelativeUncertainty = options.YieldRelativeUncertainty ?? TheoryYieldUncertainty(conditions, e.Value.MassMeV),
                }).ToArray();
                limits = LimitTable.Build(signals, inputs);
                // The estimate projects with its uncertainty. A bound alone (no source seen in the box) projects at its
                // upper end, the largest background the MC leaves possible: the median expected limit grows with b, so
                // that end is the conservative one, and a bound of small MC samples ends, scaled, beyond the maximum.
                var projectionInputs = background.IsUpperBound ? inputs with { Background = BackgroundInput.Estimate(background.Upper) } : inputs;
                foreach (var projected in options.ProjectedEot)
                {
                    var scaled = projectionInputs.Background.Expected * projected / eot;
                    if (scaled > options.MaxProjectedBackground) skipped.Add(projected);
                    else projections.Add(LimitTable.Projected(signals, projectionInputs, projected));
                }
            }
        }

        return new CampaignAnalysis
        {
            YieldUncertaintyModel = options.YieldRelativeUncertainty is null ? TheoryModelName : "flat",
            ReferenceKind = kind,
            ReferenceSamples = reference.Select(s => s.Name).ToArray(),
            Exposures = exposures,
            ReferenceEot = eot,
            Observed = observed,
            Efficiencies = efficiencies,
            Abcd = abcd,
            McSources = mc,
            Backgrounds = table,
            LimitBackgroundMethod = backgroundMethod,
            Inputs = inputs,
            Limits = limits,
            Projections = projections,
            SkippedProjections = skipped,
            Dimuons = DimuonCrossCheck.From(ordered, conditions),
        };
    }

    /// <summary>
    /// |Y_ETL − Y_IWW| / Y_ETL at one mass. Conditions without an exact-tree-level table use the IWW yield as it is,
    /// yet the two calculations still differ by what the default table says: the systematic is that difference, not
    /// zero because the conditions chose one of the two.
    /// </summary>
    private static double TheoryYieldUncertainty(DetectorConditions conditions, double massMeV)
    {
        var withTable = conditions.APrime.KFactorTable is null || ReferenceEquals(conditions.APrime.KFactorTable, KFactorTable.Unity)
            ? conditions with { APrime = conditions.APrime with { KFactorTable = DetectorConditions.Default.APrime.KFactorTableInUse } }
            : conditions;
        return APrimeTheoryUncertainty.YieldRelative(withTable, massMeV);
    }
}
