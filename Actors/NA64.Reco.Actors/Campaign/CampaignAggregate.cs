using NA64.Reco.Messages.Campaign;
using NA64.Reco.Messages.Serialization;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.RawData;
using NA64.Reco.Physics.Summary;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

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
    /// <summary>What each sample is (from the spill's answer, else the plan), and whether it came from raw files.</summary>
    private readonly Dictionary<string, (SampleDescriptor Sample, bool FromFiles)> _identities = new(StringComparer.Ordinal);

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
    /// Why a summary of <paramref name="eot"/> and <paramref name="events"/> cannot be counted, or null: its counts
    /// would overflow the campaign's totals (every header scaler is bounded, so only a crafted or corrupt input gets here).
    /// </summary>
    public string? WhyNotCountable(long eot, long events)
    {
        try
        {
            _ = checked(Eot + eot);
            _ = checked(EventsProcessed + events);
            return eot < 0 || events < 0 ? $"negative EOT {eot} or event count {events}" : null;
        }
        catch (OverflowException)
        {
            return $"EOT {eot} and {events} events would overflow the campaign's totals ({Eot}, {EventsProcessed})";
        }
    }

    /// <summary>
    /// Merges a spill's summary, its <see cref="SummaryCodec"/> bytes, into its sample (<paramref name="sample"/>: what a
    /// raw file's header says it is; null: the plan's sample of the spill, or the one known by that name); false (and
    /// nothing changes) if the spill was already applied or is not in the plan.
    /// </summary>
    public bool ApplyDone(string spillId, string sampleName, byte[] summary, SampleDescriptor? sample = null)
    {
        var ordinal = _plan.OrdinalOf(spillId);
        if (ordinal < 0 || IsFinished(ordinal)) return false;
        _done[ordinal >> 3] |= (byte)(1 << (ordinal & 7));
        DoneCount++;
        var spill = _plan.Spills[ordinal];
        Identify(sampleName, sample ?? (spill.IsRawFile ? null : spill.Sample), spill.IsRawFile);
        Merge(sampleName, summary);
        return true;
    }

    /// <summary>What each sample of <see cref="Totals"/> is, in name order.</summary>
    public IReadOnlyList<SampleIdentity> Identities(IEnumerable<string> sampleNames)
    {
        var names = new SortedSet<string>(sampleNames, StringComparer.Ordinal);
        names.UnionWith(_samples.Keys);
        return names.Select(n => _identities.TryGetValue(n, out var i) ? new SampleIdentity(n, i.Sample, i.FromFiles) : new SampleIdentity(n, PlanSample(n), false))
            .ToArray();
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
        _samples.Select(kv => new CampaignEvents.SampleTotal(kv.Key, SummaryCodec.Encode(kv.Value), _identities.GetValueOrDefault(kv.Key).Sample)).ToArray());

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

    /// <summary>Adds a summary's bytes into its sample's total, without making the summary.</summary>
    private void Merge(string sampleName, byte[] summary)
    {
        if (!_samples.TryGetValue(sampleName, out var total)) _samples[sampleName] = total = new EventSummary();
        var (eot, events) = (total.Eot, total.Events);
        SummaryCodec.AddTo(total, summary);
        EventsProcessed += total.Events - events;
        // The campaign's EOT is its reference exposure (SampleExposure.ReferenceSamples): the data read from files, else
        // the simulated beam; signal, hadron and dimuon events are not electrons on target.
        if (_identities.TryGetValue(sampleName, out var identity) && SampleExposure.IsReference(identity.Sample))
            Eot += total.Eot - eot;
    }

    private void RestoreSamples(IEnumerable<CampaignEvents.SampleTotal> samples)
    {
        foreach (var s in samples)
        {
            Identify(s.SampleName, s.Sample, fromFiles: PlanSampleOrNull(s.SampleName) is null);
            Merge(s.SampleName, s.Summary);
        }
    }

    /// <summary>
    /// Records what a sample is: the descriptor given, else the plan's sample of that name, else (a raw file's sample
    /// journaled before descriptors were) real data.
    /// </summary>
    private void Identify(string name, SampleDescriptor? sample, bool fromFiles)
    {
        if (_identities.TryGetValue(name, out var known) && (sample is null || known.Sample == sample))
        {
            if (fromFiles && !known.FromFiles) _identities[name] = known with { FromFiles = true };
            return;
        }
        _identities[name] = (sample ?? PlanSampleOrNull(name) ?? SampleDescriptor.RealData, fromFiles || (known.Sample is not null && known.FromFiles));
    }

    private SampleDescriptor? PlanSampleOrNull(string name)
    {
        foreach (var s in _plan.Spec.Samples)
            if (s.Name == name) return s.Descriptor;
        return null;
    }

    private SampleDescriptor PlanSample(string name) => PlanSampleOrNull(name) ?? SampleDescriptor.RealData;
}
