using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NA64.Reco.Actors.Campaign;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// Readiness of a node of the pipeline: the campaign manager (or its singleton proxy) answers
/// <see cref="GetServiceHealth"/>, which it does only once it has recovered from its journal. A node whose cluster
/// cannot serve campaigns (journal unreachable, singleton not yet started) is not ready.
/// </summary>
public sealed class CampaignServiceCheck : IAkkaHealthCheck
{
    public const string Name = "campaign-service";

    /// <summary>How long readiness waits for the campaign manager's answer.</summary>
    public static readonly TimeSpan ServiceTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failed = new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, "campaign service not answering");
        if (!context.ActorRegistry.TryGet<CampaignManager>(out var manager)) return failed;
        try
        {
            var answer = await manager.Ask<object>(GetServiceHealth.Instance, ServiceTimeout, cancellationToken).ConfigureAwait(false);
            return answer is ServiceHealth health
                ? HealthCheckResult.Healthy($"campaign service answering ({health.Campaigns} campaigns, {health.Running} running)")
                : failed;
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException)
        {
            return failed;
        }
    }
}
