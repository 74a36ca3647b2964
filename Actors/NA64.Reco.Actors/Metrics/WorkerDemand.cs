using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Metrics;

/// <summary>
/// How many worker nodes a campaign can keep busy now: the gauges <c>na64_reco_campaign_workers_wanted</c> (per
/// campaign) and <c>na64_reco_workers_wanted</c> (their sum on the node) that the worker autoscaler follows
/// (k8s/overlays/mc-campaign/scaledobject.yaml; docs/operations.md "Scaling on the backlog"). A coordinator keeps
/// <c>spillsPerWorker</c> spills in flight per worker that is Up, so the spills not yet finished, queued or in flight,
/// fill that many workers and no more: the demand follows the backlog down as the campaign's tail drains, and is zero
/// for a paused campaign and a finished one. Spills held after a failed read count: their retry needs a worker (a
/// campaign left with nothing but spills that failed every attempt ends stalled, and its demand with it).
/// </summary>
public static class WorkerDemand
{
    public static int Of(CampaignProgress progress, int spillsPerWorker, bool paused)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spillsPerWorker, 1);
        if (paused) return 0;
        long left = (long)progress.TotalSpills - progress.Finished;
        return left <= 0 ? 0 : (int)((left + spillsPerWorker - 1) / spillsPerWorker);
    }
}
