using NA64.Reco.Physics.Analysis;

namespace NA64.Reco.Results;

/// <summary>
/// A finished campaign as its results are written from it: identity and provenance (spec hash, input digest, the
/// conditions and code that made it), every sample with what it is and its merged summary (in name order), and the
/// bookkeeping of its spills. Made by the campaign manager from its journal; nothing here depends on how it ran.
/// </summary>
public sealed record CampaignResult(
    string CampaignId,
    string SpecHash,
    string InputDigest,
    int InputFiles,
    CampaignProvenance Provenance,
    IReadOnlyList<SampleResult> Samples,
    IReadOnlyList<QuarantinedSpill> Quarantined,
    int TotalSpills,
    int DoneSpills,
    long QuarantinedEvents);
