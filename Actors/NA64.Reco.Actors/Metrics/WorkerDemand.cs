using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Metrics;

/// <summary>
/// How many worker nodes a campaign can keep busy now: the gauge <c>na64_reco_campaign_workers_wanted</c> that the
/// worker autoscaler follows (k8s/overlays/mc-campaign/scaledobject.yaml: KEDA sets the replicas to the sum over
/// campaigns, capped by its maximum; docs/operations.md "Scaling on the backlog"). A coordinator keeps
/// <c>spillsPerWorker</c> spills in flight per worker that is Up, so the spills not yet finished, queued or in flight,
/// fill that many workers and no more: the demand follows the backlog down as the campaign's tail drains, and is zero
/// for a paused campaign, a finished one, and one whose only spills left are held unreadable (no worker can help them).
/// </summary>
public static class WorkerDemand
{
    public static int Of(CampaignProgress progress, int spillsPerWorker, bool paused)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spillsPerWorker, 1);
        if (paused) return 0;
        long left = (long)progress.TotalSpills - progress.Finished - progress.HeldSpills;
        return left <= 0 ? 0 : (int)((left + spillsPerWorker - 1) / spillsPerWorker);
    }
}
