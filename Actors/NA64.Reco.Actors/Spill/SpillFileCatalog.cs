using NA64.Reco.Physics.RawData;

namespace NA64.Reco.Actors.Spill;

/// <summary>Run, spill, EOT (beam scaler), event count and sample of a raw spill file, from its header and index.</summary>
public sealed class SpillFileCatalog : ISpillCatalog
{
    public SpillFacts Describe(string path)
    {
        using var reader = SpillFileReader.Open(path);
        var h = reader.Header;
        return new SpillFacts(h.Run, h.Spill, h.Eot, reader.EventCount) { Sample = h.Sample, HeaderDigest = reader.HeaderDigest };
    }

    public string? HeaderDigest(string path)
    {
        try
        {
            using var reader = SpillFileReader.OpenStreaming(path);
            return reader.HeaderDigest;
        }
        catch (RawFormatException)
        {
            return null;
        }
    }
}
