using System.Net.Sockets;
using System.Text;

namespace NA64.Reco.CommandHost;

/// <summary>
/// Client side of the command host protocol (docs/command-host.md): one connection, requests one at a time, replies
/// read up to the lone <c>.</c> line and un-dot-stuffed. Used by <c>na64 cmd</c>, <c>na64 submit</c>, <c>na64 status</c> and tests.
/// </summary>
public sealed class CommandClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly LineReader _reader;

    private CommandClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new LineReader(_stream, 16 * 1024 * 1024);
    }

    /// <summary>Connects and, with a token, authenticates the connection (<c>auth TOKEN</c>).</summary>
    public static async Task<CommandClient> ConnectAsync(string host, int port, string? token, CancellationToken ct = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(host, port, ct).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            tcp.Dispose();
            throw new CommandClientException(ex.SocketErrorCode == SocketError.ConnectionRefused ? "connection refused (is a node listening there?)" : ex.Message);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
        var client = new CommandClient(tcp);
        if (token is not null)
        {
            var reply = await client.SendAsync("auth " + token, ct).ConfigureAwait(false);
            if (!reply.Ok)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw new CommandClientException(reply.Error!);
            }
        }
        return client;
    }

    /// <summary>"host:port" or "host" (port 9110); IPv6 as [addr]:port.</summary>
    public static (string Host, int Port) ParseAddress(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || (text.StartsWith('[') && !text[..colon].EndsWith(']'))) return (text.Trim('[', ']'), CommandHostOptions.DefaultPort);
        if (!int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"'{text}' is not HOST:PORT");
        return (text[..colon].Trim('[', ']'), port);
    }

    /// <summary>Sends one request line and reads its whole reply.</summary>
    public async Task<CommandResponse> SendAsync(string request, CancellationToken ct = default)
    {
        if (request.Contains('\n') || request.Contains('\r')) throw new ArgumentException("a request is one line", nameof(request));
        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(request + "\n"), ct).ConfigureAwait(false);
            await _stream.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new CommandClientException("the connection was lost: " + (ex.InnerException?.Message ?? ex.Message));
        }
        return await ReadReplyAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a streaming request (e.g. <c>cluster tail --follow</c>) and hands each body line to <paramref name="onLine"/>
    /// as it arrives; when <paramref name="stop"/> fires, sends the line that ends the stream and reads up to its end.
    /// </summary>
    public async Task<CommandResponse> StreamAsync(string request, Func<string, Task> onLine, CancellationToken stop)
    {
        if (request.Contains('\n') || request.Contains('\r')) throw new ArgumentException("a request is one line", nameof(request));
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request + "\n"), CancellationToken.None).ConfigureAwait(false);
        var status = await NextAsync(CancellationToken.None).ConfigureAwait(false);
        if (status != "ok")
        {
            // Not streaming after all (an error, or a plain reply): the rest is an ordinary body.
            var rest = new List<string>();
            while (await NextAsync(CancellationToken.None).ConfigureAwait(false) is var line && line != ".") rest.Add(line.StartsWith('.') ? line[1..] : line);
            return status.StartsWith("error", StringComparison.Ordinal) ? new CommandResponse(status.Length > 6 ? status[6..] : "error", rest) : new CommandResponse(null, rest);
        }
        var stopSent = false;
        await using var registration = stop.Register(() => _ = SendStopAsync()).ConfigureAwait(false);
        while (true)
        {
            var line = await NextAsync(CancellationToken.None).ConfigureAwait(false);
            if (line == ".") return new CommandResponse(null, []);
            await onLine(line.StartsWith('.') ? line[1..] : line).ConfigureAwait(false);
        }

        async Task SendStopAsync()
        {
            if (stopSent) return;
            stopSent = true;
            try
            {
                await _stream.WriteAsync("stop\n"u8.ToArray(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Sends raw bytes as they are (fuzz tests), without reading a reply.</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        await _stream.WriteAsync(bytes, ct).ConfigureAwait(false);
        await _stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads one reply (status line, body up to the lone dot).</summary>
    public async Task<CommandResponse> ReadReplyAsync(CancellationToken ct = default)
    {
        var status = await NextAsync(ct).ConfigureAwait(false);
        var body = new List<string>();
        while (true)
        {
            // A host that refuses a connection may close it right after its error line: the error is the answer.
            var line = status.StartsWith("error", StringComparison.Ordinal) ? await NextOrNullAsync(ct).ConfigureAwait(false) : await NextAsync(ct).ConfigureAwait(false);
            if (line is null or ".") break;
            body.Add(line.StartsWith('.') ? line[1..] : line);
        }
        if (status == "ok") return new CommandResponse(null, body);
        if (status.StartsWith("error", StringComparison.Ordinal)) return new CommandResponse(status.Length > 6 ? status[6..] : "error", body);
        throw new CommandClientException($"not a command host reply: '{CommandArguments.Shorten(status)}'");
    }

    private async Task<string> NextAsync(CancellationToken ct) =>
        await NextOrNullAsync(ct).ConfigureAwait(false) ?? throw new CommandClientException("the command host closed the connection");

    /// <summary>The next line; null when the host closed the connection. A lost connection is a <see cref="CommandClientException"/>.</summary>
    private async Task<string?> NextOrNullAsync(CancellationToken ct)
    {
        LineResult? line;
        try
        {
            line = await _reader.ReadLineAsync(ct).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new CommandClientException("the connection was lost: " + (ex.InnerException?.Message ?? ex.Message));
        }
        if (line is null) return null;
        return line.Text ?? throw new CommandClientException("reply line too long");
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
