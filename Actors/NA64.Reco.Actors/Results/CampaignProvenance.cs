namespace NA64.Reco.Actors.Results;

/// <summary>What produced a result: conditions and code versions (the spec hash and seeds come from the plan).</summary>
public sealed record CampaignProvenance(string ConditionsVersion, string CodeVersion);
