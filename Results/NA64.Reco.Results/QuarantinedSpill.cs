namespace NA64.Reco.Results;

/// <summary>A spill set aside because its input is corrupt: which, where (byte offset, −1 if unknown), why, and the events it would have given.</summary>
public sealed record QuarantinedSpill(string SpillId, string File, long Offset, string Reason, long Events);
