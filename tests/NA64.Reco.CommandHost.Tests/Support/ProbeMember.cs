using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>
/// A bare second member (role <c>probe</c>, no pipeline) that joins a live node's cluster for as long as a test needs
/// it, and leaves it gracefully when disposed.
/// </summary>
public sealed class ProbeMember : IAsyncDisposable
{
    private ProbeMember(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    public Address Address => Cluster.Get(System).SelfAddress;

    /// <summary>Starts the member on a free loopback port (its address is known from here) without joining yet.</summary>
    public static ProbeMember Start() => new(ActorSystem.Create("na64", ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.cluster.roles = [probe]
        akka.loglevel = ERROR
        """)));

    public void Join(ActorSystem node) => Cluster.Get(System).Join(Cluster.Get(node).SelfAddress);

    public async ValueTask DisposeAsync() => await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
}
