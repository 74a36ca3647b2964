using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.CommandHost.Tests.Support;

/// <summary>
/// A cluster member in this process, wired as <c>na64 node</c> wires one (<see cref="PipelineHosting.BuildClusterHost"/>,
/// the real physics bindings): remoting on a loopback port of its own, the seeds it is given, and its command host on a
/// free loopback port with the cluster's token file. Disposing stops it.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private ClusterNode(IHost host, string name, Address address, string tokenFile)
    {
        _host = host;
        Name = name;
        Address = address;
        TokenFile = tokenFile;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public string Name { get; }
    public Address Address { get; }
    public string TokenFile { get; }
    public ActorSystem System { get; }
    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);
    public CommandHost CommandHost { get; private set; } = null!;
    /// <summary><c>127.0.0.1:PORT</c> of its command host, as <c>na64 cmd --host</c> takes it.</summary>
    public string CmdHost => "127.0.0.1:" + CommandHost.Port;

    /// <summary>Starts a node of <paramref name="roles"/> that joins <paramref name="seeds"/>; returns once its command host listens (not once Up).</summary>
    public static async Task<ClusterNode> StartAsync(string folder, string name, int port, IReadOnlyList<string> seeds, IReadOnlyList<string> roles, string tokenFile)
    {
        var options = new PipelineOptions
        {
            DatabasePath = Path.Combine(folder, name + ".db"),
            Hostname = "127.0.0.1",
            Port = port,
            Seeds = seeds,
            Roles = roles,
            ShardCount = 8,
        };
        var cmd = new CommandHostOptions { Port = 0, TokenFile = tokenFile, AskTimeout = TimeSpan.FromSeconds(10) };
        var host = PipelineHosting.BuildClusterHost(options, services => PhysicsBindings.Register(services, DetectorConditions.Default),
            additions: CommandHostHosting.ForPipeline(cmd));
        await host.StartAsync();
        var node = new ClusterNode(host, name, new Address("akka.tcp", options.ActorSystemName, "127.0.0.1", port), tokenFile);
        node.CommandHost = await host.Services.GetRequiredService<CommandHostHandle>().Started.WaitAsync(TimeSpan.FromSeconds(20));
        return node;
    }

    /// <summary>Completes once this node is Up in its cluster.</summary>
    public Task Up(TimeSpan timeout)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task.WaitAsync(timeout);
    }

    /// <summary>One request on a fresh connection authenticated with the cluster's token.</summary>
    public async Task<CommandResponse> SendAsync(string request)
    {
        var token = (await File.ReadAllTextAsync(TokenFile)).Trim();
        await using var client = await CommandClient.ConnectAsync("127.0.0.1", CommandHost.Port, token);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await client.SendAsync(request, deadline.Token);
    }

    /// <summary>
    /// A free port below the ephemeral range: other test assemblies bind port 0 for their own systems named na64, and a
    /// stopped member's address taken over by one of them would still be reached by this cluster.
    /// </summary>
    public static int FreePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 30_000);
            var l = new TcpListener(IPAddress.Loopback, port);
            try
            {
                l.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
            }
            finally
            {
                l.Stop();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A test may stop a node before its cluster fixture does.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(bound.Token);
        _host.Dispose();
    }
}
