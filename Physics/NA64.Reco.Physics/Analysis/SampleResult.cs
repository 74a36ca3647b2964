using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// One sample of a campaign for the analysis: its name, what it is (kind, m_A', ε, seed: data, never parsed from the
/// name), its merged summary, and whether it was read from raw files (the data a campaign reprocesses) or simulated.
/// </summary>
public sealed record SampleResult(string Name, SampleDescriptor Sample, EventSummary Summary, bool FromFiles);
