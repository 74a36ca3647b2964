namespace NA64.Reco.Actors.Processing;

/// <summary>Identity and size of a raw spill file, from its header.</summary>
public sealed record SpillFacts(int Run, int Spill, long Eot, long Events);
