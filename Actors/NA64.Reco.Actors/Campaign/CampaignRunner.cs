using Akka.Actor;
using Akka.Hosting;
using Akka.Pattern;
using NA64.Reco.Actors.Hosting;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>Starts a campaign's coordinator on a running node and awaits its end, reporting progress on the way.</summary>
public static class CampaignRunner
{
    private static int s_runs;

    /// <summary>
    /// Completes with <see cref="CampaignFinished"/>; throws <see cref="CampaignRejectedException"/> if the
    /// journal holds another spec under the same id, <see cref="CampaignInterruptedException"/> if the actor
    /// system stops first (a rerun resumes).
    /// </summary>
    public static async Task<CampaignFinished> RunAsync(ActorSystem system, IActorRegistry registry, CampaignPlan plan,
        PipelineOptions options, Action<CampaignProgress> onProgress, CancellationToken ct = default)
    {
        var done = new TaskCompletionSource<CampaignFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Names unique per run: a previous run's actors may still be stopping.
        var run = Interlocked.Increment(ref s_runs);
        var relay = system.ActorOf(Props.Create(() => new Relay(done, onProgress)), $"campaign-listener-{plan.CampaignId}-{run}");
        var spills = await registry.GetAsync<SpillRegion>(ct);
        // The coordinator stops when the journal fails (a persistent actor cannot go on without it); the
        // backoff supervisor restarts it, it recovers from the journal and resends what is not journaled:
        // a database outage delays the campaign instead of failing it. Exactly-once holds because only
        // journaled spills count.
        var supervisor = BackoffSupervisor.Props(
            Backoff.OnStop(CampaignCoordinator.Props(plan, spills, relay, options.Coordinator), "coordinator",
                    options.CoordinatorMinBackoff, options.CoordinatorMaxBackoff, randomFactor: 0.2, maxNrOfRetries: options.CoordinatorMaxRestarts)
                // Restarts count until the coordinator reports progress (the relay resets them): a coordinator
                // that lives a while but never recovers must still exhaust them.
                .WithManualReset());
        var coordinator = system.ActorOf(supervisor, $"campaign-{plan.CampaignId}-{run}");
        relay.Tell(new WatchCoordinator(coordinator));
        // Ctrl+C or SIGTERM runs CoordinatedShutdown: the campaign stops where the journal says.
        _ = system.WhenTerminated.ContinueWith(_ => done.TrySetException(new CampaignInterruptedException(plan.CampaignId)), TaskScheduler.Default);
        try
        {
            await using (ct.Register(() => done.TrySetCanceled(ct)))
                return await done.Task;
        }
        finally
        {
            system.Stop(coordinator);
            system.Stop(relay);
        }
    }

    /// <summary>Hands the coordinator's messages to the caller's callbacks.</summary>
    private sealed class Relay : ReceiveActor
    {
        private IActorRef? _supervisor;

        public Relay(TaskCompletionSource<CampaignFinished> done, Action<CampaignProgress> onProgress)
        {
            // Progress means the coordinator recovered from the journal: its failed restarts start again from zero.
            Receive<CampaignProgress>(p =>
            {
                _supervisor?.Tell(BackoffSupervisor.Reset.Instance);
                onProgress(p);
            });
            // Statement bodies: an expression returning bool would pick Receive's "handled?" overload.
            Receive<CampaignFinished>(f => { done.TrySetResult(f); });
            Receive<CampaignRejected>(r => { done.TrySetException(new CampaignRejectedException(r.CampaignId, r.Reason)); });
            Receive<WatchCoordinator>(w => _supervisor = Context.Watch(w.Coordinator));
            // The supervisor gives up after CoordinatorMaxRestarts failed restarts in a row: fail rather than wait forever.
            Receive<Terminated>(t =>
            {
                done.TrySetException(new InvalidOperationException(
                    $"campaign coordinator {t.ActorRef.Path.Name} stopped before the campaign finished: restarted too often (journal unreachable? see the log above)"));
            });
        }
    }

    private sealed record WatchCoordinator(IActorRef Coordinator);
}
