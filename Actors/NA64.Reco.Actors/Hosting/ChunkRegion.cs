namespace NA64.Reco.Actors.Hosting;

/// <summary>Registry key of the reconstruction (chunk) shard region.</summary>
public sealed class ChunkRegion;
