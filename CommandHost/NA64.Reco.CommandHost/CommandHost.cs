using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace NA64.Reco.CommandHost;

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
    private readonly string? _tokenFile;
    private volatile string? _token;
    private readonly CancellationTokenSource _stop = new();
    private readonly TcpListener _listener;
    private readonly Task _acceptLoop;
    private readonly ConnectionSlots _slots;

    private CommandHost(CommandHostOptions options, CommandDispatcher dispatcher, ILogger log, string? token)
    {
        _options = options;
        _dispatcher = dispatcher;
        _log = log;
        _token = token;
        _tokenFile = token is null ? null : options.EffectiveTokenFile;
        _slots = new ConnectionSlots(options.MaxConnections, options.MaxAnonymousConnections);
        _listener = new TcpListener(options.BindAddress, options.Port);
        _listener.Start();
        Endpoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoop();
    }

    /// <summary>The bound address and port (the real port when 0 was asked).</summary>
    public IPEndPoint Endpoint { get; }
    public int Port => Endpoint.Port;
    /// <summary>The host has a token: commands that change state run on sessions that give it (without one, none runs).</summary>
    public bool RequiresToken => _token is not null;
    /// <summary>Commands that change nothing run without the token (a loopback bind, unless configured otherwise).</summary>
    public bool ReadOnlyIsOpen => _options.ReadOnlyIsOpen;
    /// <summary>The file the token is read from (the configured one, or the one generated at first start); null without a token.</summary>
    public string? TokenFile => _tokenFile;

    /// <summary>Sessions open now: authenticated, unauthenticated.</summary>
    public (int Authenticated, int Anonymous) Connections => _slots.Counts();

    /// <summary>Binds and starts accepting; throws when a non-loopback bind has no token file, or the token file is unusable.</summary>
    public static CommandHost Start(CommandHostOptions options, CommandDispatcher dispatcher, ILogger log)
    {
        var token = options.LoadToken();
        var host = new CommandHost(options, dispatcher, log, token);
        log.LogInformation("command host listening on {Endpoint}{Auth}", host.Endpoint,
            token is null ? $" (no token: commands that change state are refused{(options.TokenProblem is { } why ? "; " + why : "")})" : $" (token in {host.TokenFile})");
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
            _ = ServeAsync(client, _slots.Open());
        }
    }

    private async Task ServeAsync(TcpClient client, CommandSession session)
    {
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var reader = new LineReader(stream, _options.MaxLineBytes);
                var requests = 0;
                while (!_stop.IsCancellationRequested)
                {
                    // Before its first request a connection has a few seconds; unauthenticated, it keeps a short leash.
                    var limit = session.Authenticated ? _options.IdleTimeout : requests == 0 ? _options.AuthTimeout : _options.AnonymousIdleTimeout;
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, session.Evicted);
                    idle.CancelAfter(limit);
                    LineResult? line;
                    try
                    {
                        line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                    {
                        await TellAndCloseAsync(stream, session.IsEvicted
                            ? "error too many connections: this unauthenticated one, the oldest, is closed for a newer one"
                            : requests == 0 && !session.Authenticated
                                ? $"error no request within {Seconds(limit)} s: closing"
                                : "error idle timeout: closing").ConfigureAwait(false);
                        return;
                    }
                    if (line is null) return;
                    requests++;
                    if (line.IsTooLong)
                    {
                        await WriteAsync(stream, $"error line too long (max {_options.MaxLineBytes} bytes)", [], _stop.Token).ConfigureAwait(false);
                        continue;
                    }
                    var (status, body, close, streaming, json) = await HandleAsync(line.Text!, session).ConfigureAwait(false);
                    if (streaming is not null)
                    {
                        if (!await StreamAsync(stream, reader, streaming, json).ConfigureAwait(false)) return;
                        continue;
                    }
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
            _slots.Close(session);
        }
    }

    /// <summary>A last error reply, written with a bound: a client that does not read cannot hold the connection open.</summary>
    private static async Task TellAndCloseAsync(Stream stream, string status)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WriteAsync(stream, status, [], bound.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A streaming reply: <c>ok</c>, then lines as the command produces them, until the client sends a line (read and
    /// dropped) or disconnects, or the host stops; then the lone dot. False when the connection is to be closed.
    /// </summary>
    private async Task<bool> StreamAsync(Stream stream, LineReader reader, Func<Func<string, Task>, bool, CancellationToken, Task> produce, bool json)
    {
        using var gate = new SemaphoreSlim(1, 1);
        using var end = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        await WriteRawAsync(stream, "ok\n", _stop.Token).ConfigureAwait(false);
        async Task Write(string line)
        {
            await gate.WaitAsync(end.Token).ConfigureAwait(false);
            try
            {
                await WriteRawAsync(stream, Stuffed(line), end.Token).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
        var producer = produce(Write, json, end.Token);
        var stopLine = reader.ReadLineAsync(_stop.Token);
        var first = await Task.WhenAny(producer, stopLine).ConfigureAwait(false);
        await end.CancelAsync().ConfigureAwait(false);
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is not IOException)
        {
            _log.LogWarning("command host: a streaming command failed: {Message}", ex.Message);
        }
        await WriteRawAsync(stream, ".\n", _stop.Token).ConfigureAwait(false);
        // The producer ended on its own (the host stops): the pending read cannot be taken back, so close.
        if (first == producer) return false;
        return await stopLine.ConfigureAwait(false) is not null;
    }

    private async Task<(string Status, IReadOnlyList<string> Body, bool Close, Func<Func<string, Task>, bool, CancellationToken, Task>? Streaming, bool Json)> HandleAsync(string line, CommandSession session)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0) return ("error empty request (try: help)", [], false, null, false);
        if (trimmed is "quit" or "exit") return ("ok", ["bye"], true, null, false);
        if (trimmed.StartsWith("auth", StringComparison.Ordinal) && (trimmed.Length == 4 || char.IsWhiteSpace(trimmed[4])))
        {
            var given = trimmed[4..].Trim();
            if (_token is null) return ("ok", ["no token on this command host: commands that change state are refused"], false, null, false);
            if (!TokenMatches(given)) return ("error wrong token", [], false, null, false);
            return _slots.Authenticate(session)
                ? ("ok", ["authenticated"], false, null, false)
                : ($"error too many connections ({_options.MaxConnections} authenticated sessions): try again later", [], true, null, false);
        }
        var request = CommandRequest.Parse(trimmed);
        if (request is null) return ("error empty request (try: help)", [], false, null, false);
        if (!session.Authenticated && Refusal(request) is { } refusal) return ("error " + refusal, [], false, null, false);
        if (request.Palette.Length == 0) return ("error empty request (try: help)", [], false, null, false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(_options.CommandDeadline);
        CommandReply reply;
        try
        {
            // WaitAsync as well as the token: a command stuck in code that ignores the token must not hold the connection.
            reply = await _dispatcher.ExecuteAsync(request, timeout.Token).WaitAsync(_options.CommandDeadline, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !_stop.IsCancellationRequested))
        {
            _log.LogWarning("command host: a {Palette} command did not finish within {Deadline}", request.Palette, _options.CommandDeadline);
            return ($"error {request.Palette} command did not finish within {Seconds(_options.CommandDeadline)} s", [], false, null, false);
        }
        if (reply.Stream is not null) return ("ok", [], false, reply.Stream, request.Json);
        return reply.IsOk ? ("ok", reply.Body(request.Json), false, null, false) : ("error " + reply.Error, [], false, null, false);
    }

    /// <summary>
    /// Why a request of an unauthenticated session may not run, or null: a command that changes state needs the token
    /// (given with the request as <c>token=</c>), and off loopback every command does.
    /// </summary>
    private string? Refusal(CommandRequest request)
    {
        var found = _dispatcher.Find(request);
        var mutating = found?.Command.Mutating ?? false;
        if (!mutating && _options.ReadOnlyIsOpen) return null;
        var what = mutating ? $"'{found!.Value.Name}' changes state" : "this command host requires it for every command";
        if (_token is null)
            return mutating ? $"{what} and this command host has no token: refused" : "this command host requires a token for every command and has none: refused";
        if (request.Token is null) return $"token required ({what}): send 'auth TOKEN' first or prefix the request with token=TOKEN";
        return TokenMatches(request.Token) ? null : "wrong token";
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
            var text = File.ReadAllText(_tokenFile!).Trim();
            if (text.Length > 0 && !text.Any(char.IsWhiteSpace)) _token = text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("command host: token file {File} unreadable ({Message}); the last token stays", _tokenFile, ex.Message);
        }
        return _token!;
    }

    private static Task WriteAsync(Stream stream, string status, IReadOnlyList<string> body, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(status.ReplaceLineEndings(" ")).Append('\n');
        foreach (var line in body) text.Append(Stuffed(line));
        text.Append(".\n");
        return WriteRawAsync(stream, text.ToString(), ct);
    }

    /// <summary>Body line(s) with dot-stuffing (as SMTP): a line starting with '.' gets one more, so "." alone ends the reply.</summary>
    private static string Stuffed(string line)
    {
        var text = new StringBuilder();
        foreach (var part in line.ReplaceLineEndings("\n").Split('\n'))
        {
            if (part.StartsWith('.')) text.Append('.');
            text.Append(part).Append('\n');
        }
        return text.ToString();
    }

    private static async Task WriteRawAsync(Stream stream, string text, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
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
