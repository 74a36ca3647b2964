namespace NA64.Reco.Actors.Spill;

/// <summary>Reads what a raw spill file says of itself (its header): the physics <c>SpillFileReader</c> behind an interface.</summary>
public interface ISpillCatalog
{
    /// <summary>Run, spill, EOT and event count of a raw file; throws <see cref="CorruptSpillException"/> on a bad header.</summary>
    SpillFacts Describe(string path);

    /// <summary>
    /// SHA-256 (hex) of the file's header: what a campaign records at submission to notice a file changed since; null
    /// when the file has no valid header (its spill is quarantined when it is read). I/O errors throw.
    /// </summary>
    string? HeaderDigest(string path);
}
