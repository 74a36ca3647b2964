namespace NA64.Reco.Actors.Campaign;

/// <summary>A campaign spec that cannot be run: which file, which field, and why.</summary>
public sealed class CampaignSpecException(string source, string field, string reason)
    : Exception($"campaign spec {source}: {field}: {reason}")
{
    public string SpecSource { get; } = source;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
