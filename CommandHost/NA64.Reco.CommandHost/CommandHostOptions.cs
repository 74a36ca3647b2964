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
    /// <summary>File holding the shared token, as configured; required when <see cref="Bind"/> is not a loopback address.</summary>
    public string? TokenFile { get; init; }
    /// <summary>
    /// Without a configured <see cref="TokenFile"/> on loopback: the file whose token is used, made at the first start
    /// (<see cref="CommandToken.DefaultFile"/> for the programs). Null: no token, so no command that changes state runs.
    /// </summary>
    public string? GeneratedTokenFile { get; init; }
    /// <summary>
    /// Whether commands that change nothing run without the token. Null: on a loopback bind only (the node's own
    /// machine); commands that change state always need it.
    /// </summary>
    public bool? OpenReadOnly { get; init; }
    /// <summary>Longest request line in bytes; a campaign spec and its conditions travel on one line as base64.</summary>
    public int MaxLineBytes { get; init; } = 256 * 1024;
    /// <summary>How long an authenticated session may stay silent.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How long a new connection has to authenticate or send its first request.</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long an unauthenticated session (read-only commands) may stay silent after its first request.</summary>
    public TimeSpan AnonymousIdleTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long a command waits for an actor's answer.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// The longest a command may take before its reply (a streaming one: until its first line); past it the client
    /// gets an error and the connection stays usable, whatever the command still waits for.
    /// </summary>
    public TimeSpan CommandDeadline { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Authenticated sessions at once; one more is told "too many connections" when it authenticates.</summary>
    public int MaxConnections { get; init; } = 32;
    /// <summary>
    /// Unauthenticated connections at once; a new one closes the oldest, so that silent connections never lock out a
    /// client that holds the token.
    /// </summary>
    public int MaxAnonymousConnections { get; init; } = 64;

    /// <summary>
    /// Options from the command line where given, else from NA64_CMD_BIND / NA64_CMD_TOKEN_FILE, else defaults: on
    /// loopback without a token file, the node's generated one (<see cref="CommandToken.DefaultFile"/>).
    /// </summary>
    public static CommandHostOptions From(string? bind, int? port, string? tokenFile)
    {
        var configured = tokenFile ?? NonEmpty(Environment.GetEnvironmentVariable(TokenFileVariable));
        return new CommandHostOptions
        {
            Bind = bind ?? NonEmpty(Environment.GetEnvironmentVariable(BindVariable)) ?? "127.0.0.1",
            Port = port ?? DefaultPort,
            TokenFile = configured,
            GeneratedTokenFile = configured is null ? CommandToken.DefaultFile() : null,
        };
    }

    public IPAddress BindAddress =>
        Bind == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(Bind, out var a) ? a
        : throw new ArgumentException($"command host: --cmd-bind '{Bind}' is not an IP address");

    /// <summary>Read-only commands run without the token (<see cref="OpenReadOnly"/>, or a loopback bind).</summary>
    public bool ReadOnlyIsOpen => OpenReadOnly ?? IPAddress.IsLoopback(BindAddress);

    /// <summary>The file the token is read from (and reread at each check), or null when the host has none.</summary>
    public string? EffectiveTokenFile => TokenFile ?? (IPAddress.IsLoopback(BindAddress) ? GeneratedTokenFile : null);

    /// <summary>Why the generated token could not be made or read (the host then runs without a token), or null.</summary>
    public string? TokenProblem { get; private set; }

    /// <summary>
    /// The token: from the configured file, else from the generated one (made now if missing), else null (no command that
    /// changes state runs). Throws when a non-loopback bind has no configured token file, or the configured file is
    /// unusable. A generated token that cannot be made (a read-only home) is no reason to stop a node: it runs
    /// without one, so without any command that changes state, and <see cref="TokenProblem"/> says why.
    /// </summary>
    public string? LoadToken()
    {
        if (TokenFile is not null) return CommandToken.Read(TokenFile);
        if (!IPAddress.IsLoopback(BindAddress))
            throw new InvalidOperationException(
                $"command host: binding {Bind} (not loopback) requires a token file ({TokenFileVariable} or --cmd-token-file)");
        if (GeneratedTokenFile is null) return null;
        try
        {
            var token = CommandToken.LoadOrCreate(GeneratedTokenFile);
            TokenProblem = null;
            return token;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            TokenProblem = $"cannot make or read {GeneratedTokenFile}: {ex.Message}";
            return null;
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
