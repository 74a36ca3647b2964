namespace NA64.Reco.Actors.Spill;

/// <summary>Identity and size of a raw spill file, from its header.</summary>
public sealed record SpillFacts(int Run, int Spill, long Eot, long Events)
{
    /// <summary>The sample the header names (MC files know theirs); null: the plan's (<c>data</c>).</summary>
    public NA64.Reco.Physics.RawData.SampleDescriptor? Sample { get; init; }

    /// <summary>SHA-256 (hex) of the header as read now; null when the catalog does not know it.</summary>
    public string? HeaderDigest { get; init; }
}
