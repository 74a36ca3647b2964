using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Summary;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// The campaign's results: per-sample merged summaries and the quarantine list. Applies each spill exactly once, keyed
/// by its ordinal in the plan (the first outcome wins, later ones are ignored). Summaries merge exactly, so the order
/// spills arrive in does not change a bit of the totals. Done spills are one bit each: a campaign of 10⁷ spills keeps
/// 1.25 MB of them.
/// </summary>
public sealed class CampaignAggregate
{
    private readonly CampaignPlan _plan;
    private readonly byte[] _done;
    private readonly SortedDictionary<string, EventSummary> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<int, QuarantineEntry> _quarantined = [];
    private readonly List<QuarantineEntry> _quarantineOrder = [];

    public CampaignAggregate(CampaignPlan plan)
    {
        _plan = plan;
        _done = new byte[(plan.Spills.Count + 7) / 8];
    }

    public int DoneCount { get; private set; }
    public int QuarantinedCount => _quarantined.Count;
    public int FinishedCount => DoneCount + _quarantined.Count;
    public long EventsProcessed { get; private set; }
    public long Eot { get; private set; }
    public long QuarantinedEvents { get; private set; }
    public IReadOnlyList<QuarantineEntry> Quarantined => _quarantineOrder;

    public bool IsFinished(int ordinal) => IsDone(ordinal) || _quarantined.ContainsKey(ordinal);

    /// <summary>True when <paramref name="spillId"/> is not a spill of the plan, or already applied.</summary>
    public bool IsFinished(string spillId) => _plan.OrdinalOf(spillId) is var i && (i < 0 || IsFinished(i));

    /// <summary>
    /// Why <paramref name="summary"/> cannot be counted, or null: its counts would overflow the campaign's totals
    /// (every header scaler is bounded, so only a crafted or corrupt input gets here).
    /// </summary>
    public string? WhyNotCountable(EventSummary summary)
    {
        try
        {
            _ = checked(Eot + summary.Eot);
            _ = checked(EventsProcessed + summary.Events);
            return summary.Eot < 0 || summary.Events < 0 ? $"negative EOT {summary.Eot} or event count {summary.Events}" : null;
        }
        catch (OverflowException)
        {
            return $"EOT {summary.Eot} and {summary.Events} events would overflow the campaign's totals ({Eot}, {EventsProcessed})";
        }
    }

    /// <summary>Merges a spill's summary into its sample; false (and nothing changes) if the spill was already applied or is not in the plan.</summary>
    public bool ApplyDone(string spillId, string sampleName, EventSummary summary)
    {
        var ordinal = _plan.OrdinalOf(spillId);
        if (ordinal < 0 || IsFinished(ordinal)) return false;
        _done[ordinal >> 3] |= (byte)(1 << (ordinal & 7));
        DoneCount++;
        Merge(sampleName, summary);
        return true;
    }

    /// <summary>Sets a spill aside; false if the spill was already applied or is not in the plan.</summary>
    public bool ApplyQuarantined(QuarantineEntry entry)
    {
        var ordinal = _plan.OrdinalOf(entry.SpillId);
        if (ordinal < 0 || IsFinished(ordinal)) return false;
        _quarantined.Add(ordinal, entry);
        _quarantineOrder.Add(entry);
        QuarantinedEvents += entry.Events;
        return true;
    }

    /// <summary>Copies of the per-sample totals, every sample of <paramref name="sampleNames"/> present (empty if none done).</summary>
    public IReadOnlyDictionary<string, EventSummary> Totals(IEnumerable<string> sampleNames)
    {
        var result = new SortedDictionary<string, EventSummary>(StringComparer.Ordinal);
        foreach (var name in sampleNames) result[name] = _samples.TryGetValue(name, out var s) ? s.Clone() : new EventSummary();
        foreach (var (name, s) in _samples) if (!result.ContainsKey(name)) result[name] = s.Clone();
        return result;
    }

    public CampaignEvents.CampaignCheckpoint ToCheckpoint() => new(
        _plan.CampaignId, _plan.SpecHash, _plan.Spills.Count, (byte[])_done.Clone(),
        _quarantineOrder.Select(q => new CampaignEvents.SpillQuarantined(q.SpillId, q.SampleName, q.File, q.Offset, q.Reason, q.Events)).ToArray(),
        _samples.Select(kv => new CampaignEvents.SampleTotal(kv.Key, SummaryCodec.Encode(kv.Value))).ToArray());

    /// <summary>The aggregate a checkpoint holds; null when it belongs to another plan (other spill count or spec).</summary>
    public static CampaignAggregate? FromCheckpoint(CampaignPlan plan, CampaignEvents.CampaignCheckpoint checkpoint)
    {
        if (checkpoint.SpecHash != plan.SpecHash || checkpoint.TotalSpills != plan.Spills.Count || checkpoint.DoneSpills.Length != (plan.Spills.Count + 7) / 8)
            return null;
        var a = new CampaignAggregate(plan);
        checkpoint.DoneSpills.CopyTo(a._done, 0);
        foreach (var b in a._done) a.DoneCount += System.Numerics.BitOperations.PopCount(b);
        a.RestoreSamples(checkpoint.Samples);
        foreach (var q in checkpoint.Quarantined) a.ApplyQuarantined(ToEntry(q));
        return a;
    }

    /// <summary>The aggregate of a snapshot written before checkpoints (done spills by id).</summary>
    public static CampaignAggregate FromSnapshot(CampaignPlan plan, CampaignEvents.CampaignSnapshot snapshot)
    {
        var a = new CampaignAggregate(plan);
        foreach (var id in snapshot.DoneSpills)
        {
            var ordinal = plan.OrdinalOf(id);
            if (ordinal < 0 || a.IsDone(ordinal)) continue;
            a._done[ordinal >> 3] |= (byte)(1 << (ordinal & 7));
            a.DoneCount++;
        }
        a.RestoreSamples(snapshot.Samples);
        foreach (var q in snapshot.Quarantined) a.ApplyQuarantined(ToEntry(q));
        return a;
    }

    public static QuarantineEntry ToEntry(CampaignEvents.SpillQuarantined e) => new(e.SpillId, e.SampleName, e.File, e.Offset, e.Reason, e.Events);

    private bool IsDone(int ordinal) => (_done[ordinal >> 3] & (1 << (ordinal & 7))) != 0;

    private void Merge(string sampleName, EventSummary summary)
    {
        if (!_samples.TryGetValue(sampleName, out var total)) _samples[sampleName] = total = new EventSummary();
        total.Merge(summary);
        EventsProcessed += summary.Events;
        Eot += summary.Eot;
    }

    private void RestoreSamples(IEnumerable<CampaignEvents.SampleTotal> samples)
    {
        foreach (var s in samples) Merge(s.SampleName, SummaryCodec.Decode(s.Summary));
    }
}
