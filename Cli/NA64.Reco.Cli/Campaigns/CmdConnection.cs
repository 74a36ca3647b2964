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
        Description = "File with the command host's token (default: $NA64_CMD_TOKEN_FILE when set)",
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
            tokenFile ??= NonEmpty(Environment.GetEnvironmentVariable(CommandHostOptions.TokenFileVariable));
            var token = tokenFile is null ? null : (await File.ReadAllTextAsync(tokenFile, ct)).Trim();
            return await CommandClient.ConnectAsync(host, port, token, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Net.Sockets.SocketException or CommandClientException)
        {
            await error.WriteLineAsync($"na64 {verb}: {address}: {ex.Message}");
            return null;
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
