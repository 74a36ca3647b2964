using System.Net;

namespace NA64.Reco.CommandHost;

/// <summary>Where the command host listens and what it asks of clients (docs/command-host.md).</summary>
public sealed class CommandHostOptions
{
    public const int DefaultPort = 9110;
    public const string BindVariable = "NA64_CMD_BIND";
    public const string TokenFileVariable = "NA64_CMD_TOKEN_FILE";

    /// <summary>Address to bind; loopback unless configured (<c>--cmd-bind</c>, NA64_CMD_BIND).</summary>
    public string Bind { get; init; } = "127.0.0.1";
    /// <summary>0: any free port (the bound one is in <see cref="CommandHost.Port"/>).</summary>
    public int Port { get; init; } = DefaultPort;
    /// <summary>File holding the shared token; required when <see cref="Bind"/> is not a loopback address.</summary>
    public string? TokenFile { get; init; }
    /// <summary>Longest request line in bytes; a campaign spec and its conditions travel on one line as base64.</summary>
    public int MaxLineBytes { get; init; } = 256 * 1024;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a command waits for an actor's answer.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// The longest a command may take before its reply (a streaming one: until its first line); past it the client
    /// gets an error and the connection stays usable, whatever the command still waits for.
    /// </summary>
    public TimeSpan CommandDeadline { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxConnections { get; init; } = 32;

    /// <summary>Options from the command line where given, else from NA64_CMD_BIND / NA64_CMD_TOKEN_FILE, else defaults.</summary>
    public static CommandHostOptions From(string? bind, int? port, string? tokenFile) => new()
    {
        Bind = bind ?? NonEmpty(Environment.GetEnvironmentVariable(BindVariable)) ?? "127.0.0.1",
        Port = port ?? DefaultPort,
        TokenFile = tokenFile ?? NonEmpty(Environment.GetEnvironmentVariable(TokenFileVariable)),
    };

    public IPAddress BindAddress =>
        Bind == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(Bind, out var a) ? a
        : throw new ArgumentException($"command host: --cmd-bind '{Bind}' is not an IP address");

    /// <summary>The token, or null on loopback without a token file; throws when a non-loopback bind has none.</summary>
    public string? LoadToken()
    {
        if (TokenFile is null)
        {
            if (IPAddress.IsLoopback(BindAddress)) return null;
            throw new InvalidOperationException(
                $"command host: binding {Bind} (not loopback) requires a token file ({TokenFileVariable} or --cmd-token-file)");
        }
        var token = File.ReadAllText(TokenFile).Trim();
        if (token.Length == 0 || token.Any(char.IsWhiteSpace))
            throw new InvalidOperationException($"command host: the token file {TokenFile} is empty or holds white space inside the token");
        return token;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
