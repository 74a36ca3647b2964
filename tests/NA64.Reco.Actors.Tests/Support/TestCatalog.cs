using NA64.Reco.Physics.RawData;
using NA64.Reco.Actors.Reconstruction;
using NA64.Reco.Actors.Spill;

namespace NA64.Reco.Actors.Tests.Support;

/// <summary>A raw "file" here is a text line "run spill eot events [sample]"; anything else is a corrupt header.</summary>
internal sealed class TestCatalog : ISpillCatalog
{
    public SpillFacts Describe(string path)
    {
        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (4 or 5) || !int.TryParse(parts[0], out var run) || !int.TryParse(parts[1], out var spill)
            || !long.TryParse(parts[2], out var eot) || !long.TryParse(parts[3], out var events))
            throw new CorruptSpillException(path, 0, "spill header unreadable");
        // A test file names its sample kind (beam, hadron, dimuon); data when it names none.
        var sample = parts.Length == 5 ? new SampleDescriptor(Enum.Parse<SampleKind>(parts[4], ignoreCase: true), 0, 0, 0) : null;
        return new SpillFacts(run, spill, eot, events) { Sample = sample, HeaderDigest = HeaderDigest(path) };
    }

    /// <summary>The whole "file" is its header.</summary>
    public string HeaderDigest(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
