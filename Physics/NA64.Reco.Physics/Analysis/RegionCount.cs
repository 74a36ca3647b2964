namespace NA64.Reco.Physics.Analysis;

/// <summary>Events counted in one region of a background estimate, with the region spelled out (e.g. "E_ECAL < 50 GeV, E_HCAL < 1 GeV").</summary>
public sealed record RegionCount(string Name, long Count, string Definition);
