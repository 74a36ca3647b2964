using Akka.Actor;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;
using static NA64.Reco.Messages.Campaign.CampaignProtocol;

namespace NA64.Reco.Actors.Campaign;

/// <summary>
/// The one way to drive a campaign: submit it to the campaign manager and follow it to its end. What <c>na64 run</c>
/// and <c>na64 node --campaign</c> do, and what the tests and the bench do. It asks rather than subscribes: a manager
/// that restarts after a journal failure or moves to another node loses nothing the client needs, and the client asks
/// again until it answers.
/// </summary>
public static class CampaignClient
{
    /// <summary>How long one ask of the manager may take before it is asked again.</summary>
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Submits <paramref name="submit"/> (again, while the manager does not answer: it may be starting, recovering or
    /// moving) and asks for its state every <paramref name="poll"/> until it is done, failed or cancelled. Done: the
    /// outcome holds the merged results. Throws <see cref="CampaignRejectedException"/> when the manager refuses the
    /// submission, <see cref="CampaignInterruptedException"/> if the actor system stops first.
    /// </summary>
    public static async Task<CampaignOutcome> RunAsync(ActorSystem system, IActorRef manager, SubmitCampaign submit,
        Action<CampaignListEntry>? onProgress = null, TimeSpan? poll = null, CancellationToken ct = default)
    {
        var interval = poll ?? TimeSpan.FromMilliseconds(250);
        CampaignAccepted accepted;
        while (true)
        {
            ThrowIfStopped(system, "submitted campaign");
            var reply = await AskAsync(system, manager, submit, "submitted campaign", ct).ConfigureAwait(false);
            if (reply is CampaignCommandFailed f) throw new CampaignRejectedException("", f.Reason);
            if (reply is CampaignAccepted a)
            {
                accepted = a;
                break;
            }
            await Task.Delay(interval, ct).ConfigureAwait(false);
        }
        var id = accepted.CampaignId;
        while (true)
        {
            await Task.Delay(interval, ct).ConfigureAwait(false);
            ThrowIfStopped(system, id);
            var reply = await AskAsync(system, manager, new GetCampaign(id), id, ct).ConfigureAwait(false);
            if (reply is not CampaignListEntry entry) continue; // no answer, or a manager still recovering: ask again
            // Before its coordinator has reported, the campaign's progress is not known yet (a resumed one is recovering).
            if (entry.ProgressKnown || entry.State is not (CampaignManager.Running or CampaignManager.Paused)) onProgress?.Invoke(entry);
            switch (entry.State)
            {
                case CampaignManager.Done:
                    while (true)
                    {
                        if (await AskAsync(system, manager, new GetCampaignResults(id), id, ct).ConfigureAwait(false) is FinishedCampaign finished)
                            return new CampaignOutcome(accepted, entry, finished.Result);
                        await Task.Delay(interval, ct).ConfigureAwait(false);
                        ThrowIfStopped(system, id);
                    }
                case CampaignManager.Failed or CampaignManager.Cancelled:
                    return new CampaignOutcome(accepted, entry, null);
            }
        }
    }

    /// <summary>The reply, or null when the manager did not answer in time (it may be restarting or moving).</summary>
    private static async Task<object?> AskAsync(ActorSystem system, IActorRef manager, object message, string campaign, CancellationToken ct)
    {
        try
        {
            return await manager.Ask<object>(message, AskTimeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            ThrowIfStopped(system, campaign);
            return null;
        }
    }

    private static void ThrowIfStopped(ActorSystem system, string campaign)
    {
        if (system.WhenTerminated.IsCompleted) throw new CampaignInterruptedException(campaign);
    }
}

