namespace NA64.Reco.Physics.RawData;

/// <summary>
/// Spill-level header of a raw file: identity, provenance and the beam scalers. EOT is counted from
/// the beam counter scaler, not from recorded events (physics.md §2).
/// </summary>
public sealed record SpillHeader
{
    public required int Run { get; init; }
    public required int Spill { get; init; }
    public required string ConditionsId { get; init; }
    public required SampleDescriptor Sample { get; init; }
    /// <summary>Electrons on target counted by the beam scaler during this spill.</summary>
    public required long Eot { get; init; }
    /// <summary>Triggers accepted (events recorded).</summary>
    public required long Triggers { get; init; }
    /// <summary>Spill start, Unix milliseconds (0 for MC, which keeps files reproducible).</summary>
    public long StartUnixMs { get; init; }
}
