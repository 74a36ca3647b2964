using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Physics.Analysis;

/// <summary>
/// One source of the campaign's background table (<see cref="BackgroundTable"/>): the samples that simulate it, its
/// MC-truth estimate, its side-band normalised one where the method applies, the one the table takes, and its MC shape
/// across the signal box and side-bands scaled to the reference exposure.
/// </summary>
public sealed record BackgroundRow(string Source, SampleKind SampleKind, IReadOnlyList<string> Samples, BackgroundEstimate McTruth, SidebandEstimate? Sideband, SourceShape Shape)
{
    /// <summary>The least share of its side-band's MC expectation a source needs for its side-band estimate to be taken.</summary>
    public const double DominantShare = 0.5;

    /// <summary>
    /// True when the table takes the side-band estimate: it exists, is no bound, and the source dominates its
    /// side-band (share ≥ <see cref="DominantShare"/>); otherwise the MC truth.
    /// </summary>
    public bool UsesSideband => Sideband is { Share: >= DominantShare, Estimate: { IsDefined: true, IsUpperBound: false } };

    public BackgroundEstimate Estimate => UsesSideband ? Sideband!.Estimate : McTruth;

    /// <summary>"mc-truth" or "sideband:C" / "sideband:B".</summary>
    public string Method => UsesSideband ? $"{SidebandNormalisation.MethodName}:{Sideband!.Region}" : SourceBackground.MethodName;
}
