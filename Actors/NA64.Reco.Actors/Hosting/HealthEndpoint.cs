using System.Net;
using System.Net.Sockets;
using System.Text;
using Akka.Actor;
using Akka.Cluster;

namespace NA64.Reco.Actors.Hosting;

/// <summary>
/// The health probe of the cluster contract: a minimal HTTP/1.1 responder. <c>GET /health/alive</c> is 200 while
/// the actor system runs; <c>GET /health/ready</c> is 200 only while this node's cluster member is Up.
/// </summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    /// <summary>Port of the contract.</summary>
    public const int DefaultPort = 8558;

    private readonly TcpListener _listener;
    private readonly ActorSystem _system;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private HealthEndpoint(ActorSystem system, IPAddress address, int port)
    {
        _system = system;
        _listener = new TcpListener(address, port);
        _listener.Start();
        _loop = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Listens on <paramref name="bind"/>:<paramref name="port"/> (0: any free port).</summary>
    public static HealthEndpoint Start(ActorSystem system, string bind, int port) =>
        new(system, IPAddress.TryParse(bind, out var ip) ? ip : IPAddress.Any, port);

    private bool Alive => !_system.WhenTerminated.IsCompleted;

    private bool Ready
    {
        get
        {
            if (!Alive) return false;
            var cluster = Cluster.Get(_system);
            return cluster.SelfMember.Status == MemberStatus.Up && !cluster.IsTerminated;
        }
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
                var (code, text) = parts[0] != "GET" ? (405, "Method Not Allowed")
                    : path == "/health/alive" ? (Alive ? (200, "OK") : (503, "Service Unavailable"))
                    : path == "/health/ready" ? (Ready ? (200, "OK") : (503, "Service Unavailable"))
                    : (404, "Not Found");
                var body = code == 200 ? "ok\n" : text + "\n";
                var response = $"HTTP/1.1 {code} {text}\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // A probe that hung up or took too long: nothing to answer.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
