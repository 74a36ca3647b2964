namespace NA64.Reco.Actors.Results;

/// <summary>What produced a result: the campaign's conditions (version, id, full hash) and the code version; the spec hash, seeds and input digest come from the plan.</summary>
public sealed record CampaignProvenance(string ConditionsVersion, string ConditionsId, string ConditionsHash, string CodeVersion);
