namespace NA64.Reco.Actors.Processing;

/// <summary>Reads what a raw spill file says of itself (its header): the physics <c>SpillInfo</c> behind an interface.</summary>
public interface ISpillCatalog
{
    /// <summary>Run, spill, EOT and event count of a raw file; throws <see cref="CorruptSpillException"/> on a bad header.</summary>
    SpillFacts Describe(string path);
}
