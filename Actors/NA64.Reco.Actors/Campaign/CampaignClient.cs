using Akka.Actor;
using NA64.Reco.Messages.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignControl;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>Submits a campaign to the campaign manager and follows it to its end (what <c>na64 run</c> does on its embedded node).</summary>
public static class CampaignClient
{
    private static int s_runs;

    /// <summary>
    /// Completes with the campaign's result and the files the manager wrote; throws <see cref="CampaignRejectedException"/>
    /// when the manager refuses the spec or the journal holds another one, <see cref="CampaignInterruptedException"/>
    /// if the actor system stops first.
    /// </summary>
    public static async Task<(CampaignFinished Result, IReadOnlyList<string> Files)> RunAsync(ActorSystem system, IActorRef manager,
        SubmitCampaign submit, string campaignId, Action<CampaignProgress> onProgress, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<(CampaignFinished, IReadOnlyList<string>)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Interlocked.Increment(ref s_runs);
        var relay = system.ActorOf(Props.Create(() => new Relay(done, onProgress, manager, submit)), $"campaign-client-{run}");
        _ = system.WhenTerminated.ContinueWith(_ => done.TrySetException(new CampaignInterruptedException(campaignId)), TaskScheduler.Default);
        try
        {
            await using (ct.Register(() => done.TrySetCanceled(ct)))
                return await done.Task;
        }
        finally
        {
            system.Stop(relay);
        }
    }

    /// <summary>Submits, subscribes, and hands the manager's messages to the caller's callbacks.</summary>
    private sealed class Relay : ReceiveActor
    {
        private CampaignFinished? _finished;

        public Relay(TaskCompletionSource<(CampaignFinished, IReadOnlyList<string>)> done, Action<CampaignProgress> onProgress, IActorRef manager, SubmitCampaign submit)
        {
            Receive<CampaignAccepted>(a => manager.Tell(new SubscribeCampaign(a.CampaignId)));
            Receive<CampaignCommandFailed>(f => { done.TrySetException(new CampaignRejectedException("", f.Reason)); });
            Receive<CampaignProgress>(onProgress);
            // Statement bodies: an expression returning bool would pick Receive's "handled?" overload.
            Receive<CampaignFinished>(f => { _finished = f; });
            Receive<CampaignResultsWritten>(w =>
            {
                if (_finished is not null) done.TrySetResult((_finished, w.Files));
            });
            Receive<CampaignRejected>(r => { done.TrySetException(new CampaignRejectedException(r.CampaignId, r.Reason)); });
            manager.Tell(submit);
        }
    }
}
