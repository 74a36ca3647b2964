using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NA64.Reco.Actors.Metrics;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// The health probe of the cluster contract: a minimal HTTP/1.1 responder in front of the host's
/// <see cref="HealthCheckService"/>. <c>GET /health/alive</c> runs the checks tagged <see cref="LivenessTag"/>
/// (the actor system runs), <c>GET /health/ready</c> those tagged <see cref="ReadinessTag"/> (the actor system runs,
/// this node's cluster member is Up and, on a node of the pipeline, the campaign service answers: see
/// <see cref="WithNa64HealthChecks"/>); 200 when all are healthy, else 503 with the description of each failed check.
/// <c>GET /metrics</c> is the Prometheus text exposition of the process: the pipeline's instruments
/// (<see cref="Na64Metrics"/>) and the .NET runtime's (GC, thread pool, process), through prometheus-net's default registry.
/// </summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    /// <summary>Port of the contract.</summary>
    public const int DefaultPort = 8558;

    /// <summary>Tag of the checks behind <c>/health/alive</c>.</summary>
    public const string LivenessTag = "liveness";

    /// <summary>Tag of the checks behind <c>/health/ready</c>.</summary>
    public const string ReadinessTag = "readiness";

    private readonly TcpListener _listener;
    private readonly HealthCheckService _checks;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private HealthEndpoint(ActorSystem system, HealthCheckService checks, IPAddress address, int port)
    {
        _checks = checks;
        Na64Metrics.Observe(system);
        _listener = new TcpListener(address, port);
        _listener.Start();
        _loop = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// Listens on <paramref name="bind"/>:<paramref name="port"/> (0: any free port) for the host of
    /// <paramref name="services"/>, which registered the health checks (<c>AddHealthChecks</c>) and the actor system.
    /// </summary>
    public static HealthEndpoint Start(IServiceProvider services, string bind, int port) =>
        new(services.GetRequiredService<ActorSystem>(), services.GetRequiredService<HealthCheckService>(),
            IPAddress.TryParse(bind, out var ip) ? ip : IPAddress.Any, port);

    /// <summary>Null when every check with <paramref name="tag"/> is healthy, else the failed checks' descriptions.</summary>
    private async Task<string?> Failed(string tag, CancellationToken ct)
    {
        var report = await _checks.CheckHealthAsync(r => r.Tags.Contains(tag), ct).ConfigureAwait(false);
        if (report.Status == HealthStatus.Healthy) return null;
        return string.Join("; ", report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .Select(e => e.Value.Description ?? e.Key));
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
                var tag = path switch { "/health/alive" => LivenessTag, "/health/ready" => ReadinessTag, _ => null };
                var (code, text) = parts[0] != "GET" ? (405, "Method Not Allowed")
                    : tag is null ? (404, "Not Found")
                    : (why = await Failed(tag, timeout.Token)) is null ? (200, "OK") : (503, "Service Unavailable");
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
