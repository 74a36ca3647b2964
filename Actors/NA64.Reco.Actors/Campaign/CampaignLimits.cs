using System.Globalization;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// How large a campaign this node's campaign service admits (<c>--max-campaign-spills</c>,
/// <c>--max-campaign-events</c>): checked at submission, so that one spec cannot hold the cluster for years.
/// </summary>
/// <param name="MaxSpills">Spills of one campaign at most: every sample's spills plus the raw files.</param>
/// <param name="MaxEvents">Simulated events of one campaign at most: spills × events per spill over its MC samples.</param>
public sealed record CampaignLimits(long MaxSpills, long MaxEvents)
{
    public const long DefaultMaxSpills = 1_000_000;
    public const long DefaultMaxEvents = 1_000_000_000_000;

    public static CampaignLimits Default { get; } = new(DefaultMaxSpills, DefaultMaxEvents);

    /// <summary>Throws a <see cref="CampaignSpecException"/> naming the field when <paramref name="plan"/> is larger than allowed.</summary>
    public void Check(CampaignPlan plan)
    {
        var spills = (long)plan.Spills.Count;
        if (spills > MaxSpills)
            throw new CampaignSpecException(plan.CampaignId, "inputs", string.Create(CultureInfo.InvariantCulture,
                $"{spills} spills in all; this campaign service admits at most {MaxSpills} per campaign (--max-campaign-spills)"));
        var events = plan.Spec.Samples.Sum(s => (double)s.Spills * s.EventsPerSpill);
        if (events > MaxEvents)
            throw new CampaignSpecException(plan.CampaignId, "inputs.samples", string.Create(CultureInfo.InvariantCulture,
                $"{events:0} events in all (spills x events_per_spill); this campaign service admits at most {MaxEvents} per campaign (--max-campaign-events)"));
    }
}
