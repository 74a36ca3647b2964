using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Messages.Serialization;

/// <summary>
/// Per-sample summaries (<see cref="Campaign.CampaignProtocol.CampaignFinished.Samples"/>) on the wire: names and
/// summaries in ordinal order, rebuilt as an ordinal sorted dictionary. A dictionary's comparer does not
/// travel, and the tables are written in key order: the receiver must not reorder them by its culture.
/// </summary>
public sealed record SampleSummariesSurrogate(string[] Names, EventSummary[] Summaries)
{
    public static SampleSummariesSurrogate From(IReadOnlyDictionary<string, EventSummary> samples)
    {
        var names = new string[samples.Count];
        var i = 0;
        foreach (var name in samples.Keys) names[i++] = name;
        Array.Sort(names, StringComparer.Ordinal);
        var summaries = new EventSummary[names.Length];
        for (var k = 0; k < names.Length; k++) summaries[k] = samples[names[k]];
        return new SampleSummariesSurrogate(names, summaries);
    }

    public IReadOnlyDictionary<string, EventSummary> ToDictionary()
    {
        var result = new SortedDictionary<string, EventSummary>(StringComparer.Ordinal);
        for (var k = 0; k < Names.Length; k++) result.Add(Names[k], Summaries[k]);
        return result;
    }
}
