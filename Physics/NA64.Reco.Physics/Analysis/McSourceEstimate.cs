using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Physics.Analysis;

/// <summary>The MC-truth background of one simulated sample scaled to the campaign's data EOT: all events in the box and per source.</summary>
public sealed record McSourceEstimate(string Sample, long EotMc, BackgroundEstimate Total, IReadOnlyList<BackgroundEstimate> Sources);
