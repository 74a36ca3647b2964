using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.Cluster;
using NA64.Reco.Actors.Metrics;
using static NA64.Reco.Messages.Campaign.CampaignManagerProtocol;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// The health probe of the cluster contract: a minimal HTTP/1.1 responder. <c>GET /health/alive</c> is 200 while
/// the actor system runs; <c>GET /health/ready</c> is 200 only while this node's cluster member is Up and, on a node
/// of the pipeline, the campaign service answers (the manager recovered from its journal): a node whose cluster cannot
/// serve campaigns is not reported ready. A 503 says which check failed. <c>GET /metrics</c> is the Prometheus text
/// exposition of the process: the pipeline's instruments (<see cref="Na64Metrics"/>) and the .NET runtime's (GC,
/// thread pool, process), through prometheus-net's default registry.
/// </summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    /// <summary>Port of the contract.</summary>
    public const int DefaultPort = 8558;

    private readonly TcpListener _listener;
    private readonly ActorSystem _system;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private readonly Func<CancellationToken, Task<bool>>? _serviceReady;

    private HealthEndpoint(ActorSystem system, IPAddress address, int port, Func<CancellationToken, Task<bool>>? serviceReady)
    {
        _system = system;
        _serviceReady = serviceReady;
        Na64Metrics.Observe(system);
        _listener = new TcpListener(address, port);
        _listener.Start();
        _loop = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Listens on <paramref name="bind"/>:<paramref name="port"/> (0: any free port).</summary>
    /// <param name="serviceReady">Whether the campaign service answers (null on a seed, which serves none).</param>
    public static HealthEndpoint Start(ActorSystem system, string bind, int port, Func<CancellationToken, Task<bool>>? serviceReady = null) =>
        new(system, IPAddress.TryParse(bind, out var ip) ? ip : IPAddress.Any, port, serviceReady);

    /// <summary>How long readiness waits for the campaign manager's answer.</summary>
    public static readonly TimeSpan ServiceTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Readiness through the campaign manager (or its singleton proxy): it answers <see cref="GetServiceHealth"/> once recovered.</summary>
    public static Func<CancellationToken, Task<bool>> AskManager(IActorRef manager) => async ct =>
    {
        try
        {
            return await manager.Ask<object>(GetServiceHealth.Instance, ServiceTimeout, ct).ConfigureAwait(false) is ServiceHealth;
        }
        catch (Exception ex) when (ex is AskTimeoutException or OperationCanceledException)
        {
            return false;
        }
    };

    private bool Alive => !_system.WhenTerminated.IsCompleted;

    /// <summary>Null when ready, else why not.</summary>
    private async Task<string?> NotReady(CancellationToken ct)
    {
        if (!Alive) return "actor system terminated";
        var cluster = Cluster.Get(_system);
        if (cluster.SelfMember.Status != MemberStatus.Up || cluster.IsTerminated) return $"cluster member {cluster.SelfMember.Status}";
        if (_serviceReady is not null && !await _serviceReady(ct).ConfigureAwait(false)) return "campaign service not answering";
        return null;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(timeout.Token) ?? "";
                // Headers are read and ignored: a probe sends nothing we need.
                while (await reader.ReadLineAsync(timeout.Token) is { Length: > 0 }) { }
                var parts = requestLine.Split(' ');
                var path = parts.Length > 1 ? parts[1] : "";
                if (parts[0] == "GET" && path == "/metrics")
                {
                    await WriteMetrics(stream, timeout.Token);
                    return;
                }
                string? why = null;
                var (code, text) = parts[0] != "GET" ? (405, "Method Not Allowed")
                    : path == "/health/alive" ? (Alive ? (200, "OK") : (503, "Service Unavailable"))
                    : path == "/health/ready" ? ((why = await NotReady(timeout.Token)) is null ? (200, "OK") : (503, "Service Unavailable"))
                    : (404, "Not Found");
                var body = code == 200 ? "ok\n" : $"{text}{(why is null ? "" : ": " + why)}\n";
                var response = $"HTTP/1.1 {code} {text}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // A probe that hung up or took too long: nothing to answer.
            }
        }
    }

    private static async Task WriteMetrics(Stream stream, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(body, ct);
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        body.Position = 0;
        await body.CopyToAsync(stream, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
