using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NA64.Reco.Actors.Inspection;

/// <summary>
/// The TCP side of the command host: a listener loop and one async loop per connection that reads request lines and
/// writes replies (protocol in docs/command-host.md). Commands run through <see cref="CommandDispatcher"/>, which talks
/// to actors by Ask: no actor ever blocks on a socket.
/// </summary>
public sealed class CommandHost : IAsyncDisposable
{
    private readonly CommandHostOptions _options;
    private readonly CommandDispatcher _dispatcher;
    private readonly ILogger _log;
    private volatile string? _token;
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpListener _listener;
    private readonly Task _acceptLoop;
    private int _connections;

    private CommandHost(CommandHostOptions options, CommandDispatcher dispatcher, ILogger log, string? token)
    {
        _options = options;
        _dispatcher = dispatcher;
        _log = log;
        _token = token;
        _listener = new TcpListener(options.BindAddress, options.Port);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoop();
    }

    /// <summary>The bound address and port (the real port when 0 was asked).</summary>
    public IPEndPoint Endpoint { get; }
    public int Port => Endpoint.Port;
    public bool RequiresToken => _token is not null;

    /// <summary>Binds and starts accepting; throws when a non-loopback bind has no token file.</summary>
    public static CommandHost Start(CommandHostOptions options, CommandDispatcher dispatcher, ILogger log)
    {
        var token = options.LoadToken();
        var host = new CommandHost(options, dispatcher, log, token);
        log.LogInformation("command host listening on {Endpoint}{Auth}", host.Endpoint, token is null ? "" : " (token required)");
        return host;
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested) return;
                _log.LogWarning("command host: accept failed: {Message}", ex.Message);
                continue;
            }
            if (Interlocked.Increment(ref _connections) > _options.MaxConnections)
            {
                Interlocked.Decrement(ref _connections);
                _ = RefuseAsync(client);
                continue;
            }
            _ = ServeAsync(client);
        }
    }

    private static async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await client.GetStream().WriteAsync("error too many connections\n"u8.ToArray()).ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var authenticated = _token is null;
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new LineReader(stream, _options.MaxLineBytes);
                while (!_stop.IsCancellationRequested)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    idle.CancelAfter(_options.IdleTimeout);
                    LineResult? line;
                    try
                    {
                        line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        await WriteAsync(stream, "error idle timeout: closing", [], CancellationToken.None).ConfigureAwait(false);
                        return;
                    }
                    if (line is null) return;
                    if (line.IsTooLong)
                    {
                        await WriteAsync(stream, $"error line too long (max {_options.MaxLineBytes} bytes)", [], _stop.Token).ConfigureAwait(false);
                        continue;
                    }
                    var (status, body, close) = await HandleAsync(line.Text!, authenticated, a => authenticated = a).ConfigureAwait(false);
                    await WriteAsync(stream, status, body, _stop.Token).ConfigureAwait(false);
                    if (close) return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the host stops: nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }

    private async Task<(string Status, IReadOnlyList<string> Body, bool Close)> HandleAsync(string line, bool authenticated, Action<bool> setAuthenticated)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0) return ("error empty request (try: help)", [], false);
        if (trimmed is "quit" or "exit") return ("ok", ["bye"], true);
        if (trimmed.StartsWith("auth", StringComparison.Ordinal) && (trimmed.Length == 4 || char.IsWhiteSpace(trimmed[4])))
        {
            var given = trimmed[4..].Trim();
            if (_token is null) return ("ok", ["no token required"], false);
            var ok = TokenMatches(given);
            setAuthenticated(ok);
            return ok ? ("ok", ["authenticated"], false) : ("error wrong token", [], false);
        }
        var request = CommandRequest.Parse(trimmed);
        if (request is null) return ("error empty request (try: help)", [], false);
        if (_token is not null && !authenticated)
        {
            if (request.Token is null) return ("error token required: send 'auth TOKEN' first or prefix the request with token=TOKEN", [], false);
            if (!TokenMatches(request.Token)) return ("error wrong token", [], false);
        }
        if (request.Palette.Length == 0) return ("error empty request (try: help)", [], false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var reply = await _dispatcher.ExecuteAsync(request, timeout.Token).ConfigureAwait(false);
        return reply.IsOk ? ("ok", reply.Body(request.Json), false) : ("error " + reply.Error, [], false);
    }

    private bool TokenMatches(string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(CurrentToken())));

    /// <summary>
    /// The token file is reread at each check, so a rotated Secret takes effect without a restart; when the file is
    /// briefly unreadable or empty (the kubelet swaps a symlink), the last good token stays.
    /// </summary>
    private string CurrentToken()
    {
        try
        {
            var text = File.ReadAllText(_options.TokenFile!).Trim();
            if (text.Length > 0 && !text.Any(char.IsWhiteSpace)) _token = text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("command host: token file {File} unreadable ({Message}); the last token stays", _options.TokenFile, ex.Message);
        }
        return _token!;
    }

    private static async Task WriteAsync(Stream stream, string status, IReadOnlyList<string> body, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(status.ReplaceLineEndings(" ")).Append('\n');
        foreach (var line in body)
        {
            foreach (var part in line.ReplaceLineEndings("\n").Split('\n'))
            {
                // Dot-stuffing (as SMTP): a body line starting with '.' gets one more, so "." alone ends the reply.
                if (part.StartsWith('.')) text.Append('.');
                text.Append(part).Append('\n');
            }
        }
        text.Append(".\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
