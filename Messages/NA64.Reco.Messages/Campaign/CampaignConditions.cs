namespace NA64.Reco.Messages.Campaign;

/// <summary>
/// The detector conditions of a campaign, resolved once at submission and journaled with it: every node processes the
/// campaign's spills with exactly these, whatever conditions file it was started with.
/// </summary>
/// <param name="Id">"version#hash12", as results print it.</param>
/// <param name="Hash">SHA-256 (hex) of <paramref name="Json"/>'s UTF-8 bytes: the key work messages carry.</param>
/// <param name="Json">The conditions document itself.</param>
public sealed record CampaignConditions(string Id, string Hash, string Json) : INa64Message;
