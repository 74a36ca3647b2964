using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// Readiness of cluster membership: healthy only while this node's member is <c>Up</c>. Akka.Cluster.Hosting's
/// <c>WithAkkaClusterReadinessCheck</c> is not used: it stays healthy once the member has joined, through
/// <c>Leaving</c>, <c>Exiting</c> and <c>Down</c>, and a node leaving the cluster must stop receiving the Services' traffic.
/// </summary>
public sealed class ClusterMemberUpCheck : IAkkaHealthCheck
{
    public const string Name = "cluster-member";

    public Task<HealthCheckResult> CheckHealthAsync(AkkaHealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cluster = Cluster.Get(context.ActorSystem);
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        // Once the extension has shut down, the member's status is only the last one it saw.
        if (cluster.IsTerminated) return Task.FromResult(new HealthCheckResult(failure, "cluster terminated"));
        var status = cluster.SelfMember.Status;
        return Task.FromResult(status == MemberStatus.Up
            ? HealthCheckResult.Healthy("cluster member Up")
            : new HealthCheckResult(failure, $"cluster member {status}"));
    }
}
