using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// The campaign's results: per-sample merged summaries and the quarantine list. Applies each spill
/// exactly once, keyed by spill id (the first outcome wins, later ones are ignored). Summaries merge
/// exactly, so the order spills arrive in does not change a bit of the totals.
/// </summary>
public sealed class CampaignAggregate
{
    private readonly SortedDictionary<string, SpillSummary> _samples = new(StringComparer.Ordinal);
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuarantineEntry> _quarantined = new(StringComparer.Ordinal);
    private readonly List<QuarantineEntry> _quarantineOrder = [];

    public int DoneCount => _done.Count;
    public int QuarantinedCount => _quarantined.Count;
    public int FinishedCount => _done.Count + _quarantined.Count;
    public long EventsProcessed { get; private set; }
    public long Eot { get; private set; }
    public long QuarantinedEvents { get; private set; }
    public IReadOnlyList<QuarantineEntry> Quarantined => _quarantineOrder;

    public bool IsFinished(string spillId) => _done.Contains(spillId) || _quarantined.ContainsKey(spillId);

    /// <summary>Merges a spill's summary into its sample; false (and nothing changes) if the spill was already applied.</summary>
    public bool ApplyDone(string spillId, string sampleName, SpillSummary summary)
    {
        if (IsFinished(spillId)) return false;
        _done.Add(spillId);
        if (!_samples.TryGetValue(sampleName, out var total)) _samples[sampleName] = total = new SpillSummary();
        total.Merge(summary);
        EventsProcessed += summary.Events;
        Eot += summary.Eot;
        return true;
    }

    /// <summary>Sets a spill aside; false if the spill was already applied.</summary>
    public bool ApplyQuarantined(QuarantineEntry entry)
    {
        if (IsFinished(entry.SpillId)) return false;
        _quarantined.Add(entry.SpillId, entry);
        _quarantineOrder.Add(entry);
        QuarantinedEvents += entry.Events;
        return true;
    }

    /// <summary>Copies of the per-sample totals, every sample of <paramref name="sampleNames"/> present (empty if none done).</summary>
    public IReadOnlyDictionary<string, SpillSummary> Totals(IEnumerable<string> sampleNames)
    {
        var result = new SortedDictionary<string, SpillSummary>(StringComparer.Ordinal);
        foreach (var name in sampleNames) result[name] = _samples.TryGetValue(name, out var s) ? s.Clone() : new SpillSummary();
        foreach (var (name, s) in _samples) if (!result.ContainsKey(name)) result[name] = s.Clone();
        return result;
    }

    public CampaignEvents.CampaignSnapshot ToSnapshot(string campaignId, string specHash)
    {
        var done = _done.ToArray();
        Array.Sort(done, StringComparer.Ordinal);
        var quarantined = _quarantineOrder
            .Select(q => new CampaignEvents.SpillQuarantined(q.SpillId, q.SampleName, q.File, q.Offset, q.Reason, q.Events)).ToArray();
        var samples = _samples.Select(kv => new CampaignEvents.SampleTotal(kv.Key, SummaryCodec.Encode(kv.Value))).ToArray();
        return new CampaignEvents.CampaignSnapshot(campaignId, specHash, done, quarantined, samples);
    }

    public static CampaignAggregate FromSnapshot(CampaignEvents.CampaignSnapshot snapshot)
    {
        var a = new CampaignAggregate();
        foreach (var s in snapshot.Samples)
        {
            var summary = SummaryCodec.Decode(s.Summary);
            a._samples[s.SampleName] = summary;
            a.EventsProcessed += summary.Events;
            a.Eot += summary.Eot;
        }
        foreach (var id in snapshot.DoneSpills) a._done.Add(id);
        foreach (var q in snapshot.Quarantined) a.ApplyQuarantined(ToEntry(q));
        return a;
    }

    public static QuarantineEntry ToEntry(CampaignEvents.SpillQuarantined e) => new(e.SpillId, e.SampleName, e.File, e.Offset, e.Reason, e.Events);
}
