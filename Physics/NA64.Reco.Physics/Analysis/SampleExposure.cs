using NA64.Reco.Physics.Detector;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Simulation.APrime;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The exposure a sample stands for, in electrons on target (docs/physics.md §9, "Exposure"): how many EOT of the
/// beam would contain as many of the sample's events. Data: the spill headers' EOT, the beam counters' sum. Beam MC:
/// its events (each simulated beam particle is one particle on target, impurities included, as the counters count
/// them). Hadron MC, a pure π⁻ beam: events / the beam's π⁻ fraction; kaon MC, a pure K⁻ beam: events / its K⁻
/// fraction; electron MC, a pure beam of nominal electrons: events / their fraction. A biased sample has the exposure
/// of its events; its weights carry the bias (<see cref="SourceBackground"/> gives the exposure each source reached). Dimuon MC, every event a forced e⁻Z → e⁻Zμ⁺μ⁻:
/// events / (the beam's nominal-electron fraction × the pairs per EOT of the dimuon emitter, <see cref="DimuonExpectation"/>,
/// the probability per electron the beam sample uses). Signal MC has none: its events carry emission weights
/// normalised per simulated electron, and they are never added to an EOT. The muon programme's (in muons on target,
/// MOT): beam muons, their events; Z' MC, none (every event a forced emission).
/// </summary>
public sealed record SampleExposure(string Sample, double? EquivalentEot, string Basis)
{
    public const string DataBasis = "spill-header-eot";
    public const string BeamBasis = "events";
    public const string HadronBasis = "events/beam.pionFraction";
    public const string KaonBasis = "events/beam.kaonFraction";
    public const string ElectronBasis = "events/beam.nominalElectronFraction";
    public const string DimuonBasis = "events/(beam.nominalElectronFraction*dimuon-emitter-pairs-per-eot)";
    public const string SignalBasis = "none (weighted)";
    public const string MuonBasis = "events (muons on target)";
    public const string ZPrimeBasis = "none (forced emission)";
    public const string VisibleBackgroundBasis = "none (forced chain, weights per EOT)";

    public static SampleExposure Of(SampleResult sample, DetectorConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(conditions);
        var events = (double)sample.Summary.Events;
        // A file keeps the kind its header names: simulated hadrons read back from files are still a hadron sample.
        return sample.Sample.Kind switch
        {
            SampleKind.Data => new(sample.Name, sample.Summary.Eot, DataBasis),
            SampleKind.Beam => new(sample.Name, sample.Summary.Eot, sample.FromFiles ? DataBasis : BeamBasis),
            SampleKind.Hadron => new(sample.Name, Per(events, conditions.Beam.PionFraction), HadronBasis),
            SampleKind.Kaon => new(sample.Name, Per(events, conditions.Beam.KaonFraction), KaonBasis),
            SampleKind.Electron => new(sample.Name, Per(events, conditions.Beam.NominalElectronFraction), ElectronBasis),
            SampleKind.Dimuon => new(sample.Name, Per(events, conditions.Beam.NominalElectronFraction * DimuonExpectation.For(conditions).PairsPerEot), DimuonBasis),
            SampleKind.Muon => new(sample.Name, sample.Summary.Eot, MuonBasis),
            SampleKind.ZPrime or SampleKind.X => new(sample.Name, null, ZPrimeBasis),
            SampleKind.KaonShortNeutral or SampleKind.KaonShortCharged => new(sample.Name, null, VisibleBackgroundBasis),
            _ => new(sample.Name, null, SignalBasis),
        };
    }

    /// <summary>
    /// The samples whose exposure is the campaign's reference (the EOT its backgrounds and limits are scaled to): those
    /// read from raw files (data, or a beam sample written to files) when it reprocesses files, else its simulated
    /// beam samples, which stand in for the data of an MC campaign. By name.
    /// </summary>
    public static IReadOnlyList<SampleResult> ReferenceSamples(IReadOnlyList<SampleResult> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Where(s => IsReference(s.Sample)).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Whether a sample's EOT belongs to the reference exposure: data, or an unbiased beam sample, simulated or read
    /// from files (files keep the kind their header names: a simulated signal or hadron file is not data). A biased
    /// beam is background MC, from files as simulated: its events are not the counts a detector would see. The muon
    /// programme's beam muons are its campaigns' reference (their events are its MOT).
    /// </summary>
    public static bool IsReference(SampleDescriptor sample) =>
        sample.Kind is SampleKind.Data or SampleKind.Muon || sample.Kind == SampleKind.Beam && !sample.IsBiased;

    /// <summary>The reference exposure: the EOT of <see cref="ReferenceSamples"/>.</summary>
    public static long ReferenceEot(IReadOnlyList<SampleResult> samples) => ReferenceSamples(samples).Sum(s => s.Summary.Eot);

    /// <summary>What the reference exposure counts for a campaign of <paramref name="samples"/>: "MOT" (muons on target) for the muon programme's, else "EOT".</summary>
    public static string Unit(IEnumerable<SampleDescriptor> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Any(s => s.IsMuonProgramme) ? "MOT" : "EOT";
    }

    private static double? Per(double events, double probability) => probability > 0 ? events / probability : null;
}
