namespace NA64.Reco.Results;

/// <summary>What produced a result: the campaign's conditions (version, id, full hash) and the code version.</summary>
public sealed record CampaignProvenance(string ConditionsVersion, string ConditionsId, string ConditionsHash, string CodeVersion);
