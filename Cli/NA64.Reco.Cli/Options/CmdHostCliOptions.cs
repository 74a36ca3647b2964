using System.CommandLine;
using NA64.Reco.CommandHost;

namespace NA64.Reco.Cli.Options;

/// <summary>The node-side command host options (<c>--cmd-port</c>, <c>--cmd-bind</c>, <c>--cmd-token-file</c>) of <c>na64 run</c> and <c>na64 node</c>.</summary>
internal sealed class CmdHostCliOptions
{
    private readonly Option<int> _port = new("--cmd-port")
    {
        Description = "Command host port (0: any free port, printed; -1: no command host)",
        DefaultValueFactory = _ => CommandHostOptions.DefaultPort,
    };

    private readonly Option<string?> _bind = new("--cmd-bind") { Description = "Command host address (default $NA64_CMD_BIND or 127.0.0.1)" };
    private readonly Option<string?> _tokenFile = new("--cmd-token-file") { Description = "Token file, required off loopback (default $NA64_CMD_TOKEN_FILE)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_port);
        command.Options.Add(_bind);
        command.Options.Add(_tokenFile);
    }

    /// <summary>Null when disabled (<c>--cmd-port -1</c>); <paramref name="bind"/> and <paramref name="tokenFile"/> default the options not given.</summary>
    public CommandHostOptions? From(ParseResult parse, string? bind = null, string? tokenFile = null)
    {
        var port = parse.GetValue(_port);
        return port < 0 ? null : CommandHostOptions.From(parse.GetValue(_bind) ?? bind, Math.Min(port, 65535), parse.GetValue(_tokenFile) ?? tokenFile);
    }

    /// <summary><c>--cmd-bind</c>, null when not given.</summary>
    public string? Bind(ParseResult parse) => parse.GetValue(_bind);

    /// <summary><c>--cmd-token-file</c>, null when not given.</summary>
    public string? TokenFile(ParseResult parse) => parse.GetValue(_tokenFile);
}
