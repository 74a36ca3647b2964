namespace NA64.Reco.Actors.Hosting;

/// <summary>Registry key of the spill shard region.</summary>
public sealed class SpillRegion;
