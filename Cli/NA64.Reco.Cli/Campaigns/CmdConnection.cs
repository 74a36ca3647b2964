using System.CommandLine;
using NA64.Reco.CommandHost;

namespace NA64.Reco.Cli.Campaigns;

/// <summary>The <c>--host</c> and <c>--token-file</c> options shared by <c>na64 cmd</c>, <c>submit</c> and <c>status</c>, and connecting with them.</summary>
internal sealed class CmdConnection
{
    public Option<string> Host { get; } = new("--host")
    {
        Description = "Command host HOST:PORT (default 127.0.0.1:9110)",
        DefaultValueFactory = _ => "127.0.0.1:" + CommandHostOptions.DefaultPort,
    };

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "File with the command host's token (default: $NA64_CMD_TOKEN_FILE, else the node's generated one, $NA64_STATE_DIR/cmd.token or ~/.local/state/na64/cmd.token, when it exists)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Host);
        command.Options.Add(TokenFile);
    }

    /// <summary>Connects (and authenticates); null after printing one error line.</summary>
    public Task<CommandClient?> ConnectAsync(ParseResult parse, string verb, TextWriter error, CancellationToken ct) =>
        ConnectAsync(parse.GetValue(Host)!, parse.GetValue(TokenFile), verb, error, ct);

    /// <summary>Connects to <paramref name="address"/> with the token of <paramref name="tokenFile"/> (or $NA64_CMD_TOKEN_FILE); null after printing one error line.</summary>
    public static async Task<CommandClient?> ConnectAsync(string address, string? tokenFile, string verb, TextWriter error, CancellationToken ct)
    {
        try
        {
            var (host, port) = CommandClient.ParseAddress(address);
            var file = TokenFileFor(tokenFile);
            string? token;
            try
            {
                token = file is null ? null : (await File.ReadAllTextAsync(file, ct)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"token file {file}: {ex.Message}", ex);
            }
            try
            {
                return await CommandClient.ConnectAsync(host, port, token, ct);
            }
            catch (CommandClientException ex) when (ex.Message == "wrong token" && tokenFile is null && Implicit(file))
            {
                // The generated token found by default belongs to another node of this user: read-only commands still run.
                return await CommandClient.ConnectAsync(host, port, null, ct);
            }
        }
        catch (Exception ex) when (IsConnectionFailure(ex) || ex is FormatException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"na64 {verb}: {address}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// The token file a client uses: the one given, else $NA64_CMD_TOKEN_FILE, else the one a node on this machine
    /// generated (<see cref="CommandToken.DefaultFile"/>) when it exists; null: no token (read-only commands only).
    /// </summary>
    public static string? TokenFileFor(string? given)
    {
        if (given is not null) return given;
        if (NonEmpty(Environment.GetEnvironmentVariable(CommandHostOptions.TokenFileVariable)) is { } configured) return configured;
        var generated = CommandToken.DefaultFile();
        return File.Exists(generated) ? generated : null;
    }

    /// <summary>Whether <paramref name="file"/> is the generated token found by default rather than one the user named.</summary>
    private static bool Implicit(string? file) =>
        file is not null && NonEmpty(Environment.GetEnvironmentVariable(CommandHostOptions.TokenFileVariable)) is null;

    /// <summary>A connection that failed, was refused or was lost: reported in one line, never as a stack trace.</summary>
    public static bool IsConnectionFailure(Exception ex) => ex is IOException or System.Net.Sockets.SocketException or CommandClientException;

    /// <summary>
    /// Runs a verb's exchange with the command host; a connection lost or closed by the host on the way (too many
    /// connections, the node stopped) is one line on <paramref name="error"/> and exit 5.
    /// </summary>
    public static async Task<int> GuardAsync(string verb, string address, TextWriter error, Func<Task<int>> exchange)
    {
        try
        {
            return await exchange();
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            await error.WriteLineAsync($"na64 {verb}: {address}: {ex.Message}");
            return Terminal.ExitCodes.Unreachable;
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
