using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// One spill of a campaign, as a descriptor: a raw file (<see cref="File"/> set, as recorded at submission), or a
/// simulated spill of a sample (regenerated from <see cref="Sample"/>'s seed, <see cref="Run"/> and <see cref="Spill"/>).
/// </summary>
/// <param name="SpillId">Stable id within the campaign, e.g. <c>beam-r1-s00003</c>: the exactly-once key.</param>
/// <param name="Ordinal">Position in the campaign's deterministic order.</param>
/// <param name="SampleName">The sample this spill is merged into (<c>data</c> for raw files).</param>
/// <param name="Events">Events of a simulated spill (its EOT as well); 0 for a raw file, whose header says.</param>
public sealed record SpillRef(
    string SpillId, int Ordinal, string SampleName, SampleDescriptor Sample, int Run, int Spill, int Events, InputFile? File = null)
    : INa64Message
{
    public bool IsRawFile => File is not null;

    public string? Path => File?.Path;
}
