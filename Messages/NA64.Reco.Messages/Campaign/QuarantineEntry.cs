namespace NA64.Reco.Messages.Campaign;

/// <summary>A spill set aside because its input is corrupt: where, and why.</summary>
/// <param name="Offset">Byte offset of the fault in <paramref name="File"/>, or -1 if unknown.</param>
/// <param name="Events">Events the spill would have contributed, if known (0 otherwise).</param>
public sealed record QuarantineEntry(string SpillId, string SampleName, string File, long Offset, string Reason, long Events)
    : INa64Message;
