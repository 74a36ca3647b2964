using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Akka.Remote;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tests.Support;
using NA64.Reco.Actors.Tls;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// Remoting over mutual TLS with the cluster certificate, on real actor systems over loopback: a member with the
/// certificate joins a seed that has it; one with another certificate (same subject, another key) or with no TLS at all
/// never becomes a member.
/// </summary>
public sealed class ClusterTlsTests
{
    private const string Password = "test-password";

    [Fact]
    public async Task A_member_with_the_cluster_certificate_joins_and_one_without_it_cannot()
    {
        using var dir = new TempDirectory();
        var clusterPfx = TestCertificates.WritePfx(dir.File("cluster.pfx"), "CN=na64-cluster", Password);
        var otherPfx = TestCertificates.WritePfx(dir.File("other.pfx"), "CN=na64-cluster", Password);
        var port = FreePort();
        string[] seeds = [$"akka.tcp://na64@127.0.0.1:{port}"];

        var seedTls = ClusterTls.Load(clusterPfx, Password);
        using var seed = await StartAsync(port, seeds, seedTls);
        var seedCluster = Cluster.Get(seed.Services.GetRequiredService<ActorSystem>());
        Assert.Equal("akka.ssl.tcp", seedCluster.SelfAddress.Protocol);
        await UpAsync(seed);

        using var member = await StartAsync(0, seeds, ClusterTls.Load(clusterPfx, Password));
        await UpAsync(member);
        var memberAddress = Cluster.Get(member.Services.GetRequiredService<ActorSystem>()).SelfAddress;
        Assert.Contains(seedCluster.State.Members, m => m.Address == memberAddress && m.Status == MemberStatus.Up);

        // Another certificate: the handshake fails on whichever side checks first, the intruder never joins.
        var intruderTls = ClusterTls.Load(otherPfx, Password);
        using var intruder = await StartAsync(0, seeds, intruderTls);
        await Eventually(() => seedTls.RefusedPeers + intruderTls.RefusedPeers > 0, TimeSpan.FromSeconds(30));
        Assert.True(seedTls.RefusedPeers + intruderTls.RefusedPeers > 0, "no TLS handshake was refused");
        var intruderCluster = Cluster.Get(intruder.Services.GetRequiredService<ActorSystem>());
        Assert.DoesNotContain(seedCluster.State.Members, m => m.Address == intruderCluster.SelfAddress);
        Assert.NotEqual(MemberStatus.Up, intruderCluster.SelfMember.Status);

        // No TLS at all: the plain connection is no TLS handshake; the association fails and nothing joins.
        using var plain = await StartAsync(0, seeds, tls: null);
        var plainSystem = plain.Services.GetRequiredService<ActorSystem>();
        var failures = new ConcurrentQueue<RemotingLifecycleEvent>();
        var listener = plainSystem.ActorOf(Props.Create(() => new LifecycleCollector(failures)));
        plainSystem.EventStream.Subscribe(listener, typeof(AssociationErrorEvent));
        plainSystem.EventStream.Subscribe(listener, typeof(DisassociatedEvent));
        await Eventually(() => !failures.IsEmpty, TimeSpan.FromSeconds(40));
        Assert.NotEmpty(failures);
        Assert.Equal(2, seedCluster.State.Members.Count);
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(plainSystem).SelfMember.Status);

        foreach (var host in new[] { plain, intruder, member, seed }) await host.StopAsync();
    }

    [Fact]
    public void A_certificate_that_cannot_be_used_is_refused_naming_its_file()
    {
        using var dir = new TempDirectory();
        var pfx = TestCertificates.WritePfx(dir.File("cluster.pfx"), "CN=na64-cluster", Password);
        var wrong = Assert.Throws<ClusterTlsException>(() => ClusterTls.Load(pfx, "not-the-password"));
        Assert.Contains($"TLS certificate '{pfx}'", wrong.Message);

        var keyless = TestCertificates.WritePfxWithoutKey(dir.File("keyless.pfx"), "CN=na64-cluster", Password);
        var noKey = Assert.Throws<ClusterTlsException>(() => ClusterTls.Load(keyless, Password));
        Assert.Contains($"TLS certificate '{keyless}': no private key", noKey.Message);

        var missing = Assert.Throws<ClusterTlsException>(() => ClusterTls.Load(dir.File("none.pfx"), Password));
        Assert.Contains($"TLS certificate '{dir.File("none.pfx")}'", missing.Message);

        // The password from a file, its trailing newline ignored.
        var passwordFile = dir.File("password");
        File.WriteAllText(passwordFile, Password + "\n");
        using var loaded = ClusterTls.From(pfx, passwordFile)!.Certificate;
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("akka.ssl.tcp://na64@h:4053", ClusterTls.SeedAddress("akka.tcp://na64@h:4053", tls: true));
        Assert.Equal("akka.tcp://na64@h:4053", ClusterTls.SeedAddress("akka.tcp://na64@h:4053", tls: false));
    }

    private static async Task<IHost> StartAsync(int port, string[] seeds, ClusterTls? tls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        PipelineHosting.ConfigureLogging(builder, Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddAkka("na64", (akka, _) =>
        {
            PipelineHosting.ConfigureAkkaLogging(akka, Microsoft.Extensions.Logging.LogLevel.Warning);
            akka.WithNa64Cluster("127.0.0.1", null, port, [PipelineHosting.SeedRole], seeds, TimeSpan.FromSeconds(2), tls);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task UpAsync(IHost host)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task Eventually(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    private sealed class LifecycleCollector : ReceiveActor
    {
        public LifecycleCollector(ConcurrentQueue<RemotingLifecycleEvent> into) => Receive<RemotingLifecycleEvent>(into.Enqueue);
    }
}
