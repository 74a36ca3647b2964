namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// The MC-truth background of one simulated sample scaled to the campaign's reference EOT, all events in the box and
/// per source: counts × EOT_reference / the sample's equivalent exposure (<see cref="SampleExposure"/>).
/// </summary>
public sealed record McSourceEstimate(string Sample, double EquivalentEot, string ExposureBasis, BackgroundEstimate Total, IReadOnlyList<BackgroundEstimate> Sources);
