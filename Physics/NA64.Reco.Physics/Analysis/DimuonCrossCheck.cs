using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation.APrime;
using NA64.Reco.Physics.Statistics;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The dimuon cross-check (physics.md §7b): the dimuon candidates of the reference sample (the data, or the beam MC
/// standing in for it) against the QED expectation of the dimuon emitter, N_exp = EOT · f_e · R_μμ · ε_μμ, with f_e
/// the beam's nominal-electron fraction, R_μμ the pairs per EOT of <see cref="DimuonExpectation"/> and ε_μμ the
/// selection's efficiency measured on the campaign's forced-dimuon samples. The ratio r = N_sel / N_exp tests the
/// chain that also makes the A' yield (the leader's photon spectrum, the cross-section's Z², N_X0, the EOT and the
/// selection of the electron): its error bounds the yield's systematic. Statistical error √N_sel / N_exp, efficiency
/// error r · σ_ε / ε (binomial), combined in quadrature. Null pieces where the campaign lacks what they need.
/// </summary>
public sealed record DimuonCrossCheck
{
    /// <summary>The 90% CL upper limit on a Poisson mean when nothing is seen: −ln 0.1.</summary>
    private const double PoissonUpper90AtZero = 2.302585092994046;

    public required IReadOnlyList<string> ReferenceSamples { get; init; }
    public required long ReferenceEot { get; init; }
    public required double NominalElectronFraction { get; init; }
    public required DimuonExpectation Expectation { get; init; }
    /// <summary>Dimuon candidates of the reference.</summary>
    public required long Selected { get; init; }
    /// <summary>Of them, those with a true dimuon (MC reference only; null for data).</summary>
    public required long? SelectedTrueDimuons { get; init; }
    public required Histogram1D SelectedEcal { get; init; }

    public required IReadOnlyList<string> EfficiencySamples { get; init; }
    public required long EfficiencyEvents { get; init; }
    public required long EfficiencySelected { get; init; }
    /// <summary>ε_μμ with its binomial 1σ error and its Clopper–Pearson 68% interval; null without a dimuon sample.</summary>
    public required double? Efficiency { get; init; }
    public required double? EfficiencyError { get; init; }
    public required BinomialInterval? EfficiencyInterval { get; init; }
    /// <summary>The dimuon samples' candidates' E_ECAL, the shape of the expectation.</summary>
    public required Histogram1D? EfficiencyEcal { get; init; }

    /// <summary>N_exp; null without an efficiency.</summary>
    public double? Expected => Efficiency is { } e ? ReferenceEot * NominalElectronFraction * Expectation.PairsPerEot * e : null;

    /// <summary>Measured dimuon yield per EOT, N_sel / (ε_μμ · EOT), to compare with f_e · R_μμ.</summary>
    public double? MeasuredPerEot => Efficiency is { } e && e > 0 && ReferenceEot > 0 ? Selected / (e * ReferenceEot) : null;

    public double? ExpectedPerEot => NominalElectronFraction * Expectation.PairsPerEot;

    public double? Ratio => Expected is { } x && x > 0 ? Selected / x : null;

    public double? RatioStatError => Expected is { } x && x > 0 ? Math.Sqrt(Selected) / x : null;

    public double? RatioEfficiencyError => Ratio is { } r && Efficiency is { } e && e > 0 && EfficiencyError is { } s ? r * s / e : null;

    public double? RatioError => RatioStatError is { } a && RatioEfficiencyError is { } b ? Math.Sqrt(a * a + b * b) : null;

    /// <summary>With no candidate: the 90% CL upper limit on the ratio (2.30 / N_exp); otherwise null.</summary>
    public double? RatioUpper90 => Selected == 0 && Expected is { } x && x > 0 ? PoissonUpper90AtZero / x : null;

    /// <summary>
    /// Expected candidates per E_ECAL bin (indexed as <see cref="Histogram1D.Counts"/>, under- and overflow included): the
    /// dimuon samples' candidates scaled from their events to N_exp's exposure.
    /// </summary>
    public IReadOnlyList<double>? ExpectedEcal
    {
        get
        {
            if (EfficiencyEcal is not { } shape || EfficiencyEvents <= 0) return null;
            var scale = ReferenceEot * NominalElectronFraction * Expectation.PairsPerEot / EfficiencyEvents;
            return shape.Counts.Select(c => c * scale).ToArray();
        }
    }

    /// <summary>The cross-check of a campaign, null without a reference exposure.</summary>
    public static DimuonCrossCheck? From(IReadOnlyList<SampleResult> samples, DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(conditions);
        var reference = SampleExposure.ReferenceSamples(samples);
        var eot = reference.Sum(s => s.Summary.Eot);
        if (reference.Count == 0 || eot <= 0) return null;
        var selected = reference.Sum(s => s.Summary.DimuonCandidates);
        long? trueSelected = reference.Any(s => s.Sample.Kind == SampleKind.Data) ? null : reference.Sum(s => s.Summary.TruthDimuonCandidates);

        var dimuons = samples.Where(s => s.Sample.Kind == SampleKind.Dimuon && s.Summary.Events > 0).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        var events = dimuons.Sum(s => s.Summary.Events);
        var passed = dimuons.Sum(s => s.Summary.DimuonCandidates);
        double? efficiency = null, error = null;
        BinomialInterval? interval = null;
        if (events > 0)
        {
            var e = (double)passed / events;
            efficiency = e;
            error = Math.Sqrt(e * (1 - e) / events);
            interval = ClopperPearson.Interval(passed, events);
        }
        return new DimuonCrossCheck
        {
            ReferenceSamples = reference.Select(s => s.Name).ToArray(),
            ReferenceEot = eot,
            NominalElectronFraction = conditions.Beam.NominalElectronFraction,
            Expectation = DimuonExpectation.For(conditions),
            Selected = selected,
            SelectedTrueDimuons = trueSelected,
            SelectedEcal = Sum(reference.Select(s => s.Summary.DimuonCandidateEcal)),
            EfficiencySamples = dimuons.Select(s => s.Name).ToArray(),
            EfficiencyEvents = events,
            EfficiencySelected = passed,
            Efficiency = efficiency,
            EfficiencyError = error,
            EfficiencyInterval = interval,
            EfficiencyEcal = dimuons.Length == 0 ? null : Sum(dimuons.Select(s => s.Summary.DimuonCandidateEcal)),
        };
    }

    private static Histogram1D Sum(IEnumerable<Histogram1D> histograms)
    {
        Histogram1D? sum = null;
        foreach (var h in histograms)
        {
            if (sum is null) sum = h.Clone();
            else sum.Merge(h);
        }
        return sum ?? new EventSummary().DimuonCandidateEcal;
    }
}
