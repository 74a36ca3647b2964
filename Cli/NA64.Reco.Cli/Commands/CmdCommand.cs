using System.CommandLine;
using System.Text.Json;
using NA64.Reco.CommandHost;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 cmd [--host H:PORT] [--token-file F] COMMAND…</c>: one command against a node's command host (exit 0 on
/// ok, 1 on error); without a command, an interactive prompt (history, Tab completion), or, when stdin is not a
/// terminal, one command per input line until EOF.
/// </summary>
public static class CmdCommand
{
    public static Command Create()
    {
        var connection = new CmdConnection();
        var words = new Argument<string[]>("command") { Description = "Palette, command and arguments (e.g. cluster show); none: interactive", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("cmd", "Inspect a running node: palettes cluster, actor, log, remote, campaign (see: na64 cmd help)")
        {
            // Command options (--json, --depth 2) belong to the remote command, not to this verb.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(words);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var request = RemoteWords(parse, connection);
            await using var client = await connection.ConnectAsync(parse, "cmd", error, ct);
            if (client is null) return ExitCodes.Unreachable;
            return await CmdConnection.GuardAsync("cmd", parse.GetValue(connection.Host)!, error, async () =>
            {
                if (request.Count > 0) return await RunOneAsync(client, string.Join(' ', request), output, error, ct) ? 0 : 1;
                if (Console.IsInputRedirected) return await RunScriptAsync(client, Console.In, output, error, ct);
                return await InteractiveAsync(client, parse.GetValue(connection.Host)!, output, error, ct);
            });
        });
        return command;
    }

    /// <summary>The tokens after <c>cmd</c> in their order, without this verb's own options.</summary>
    private static List<string> RemoteWords(ParseResult parse, CmdConnection connection)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        var start = tokens.IndexOf("cmd");
        var words = new List<string>();
        for (var i = start + 1; i < tokens.Count; i++)
        {
            if (tokens[i] == connection.Host.Name || tokens[i] == connection.TokenFile.Name)
            {
                i++;
                continue;
            }
            words.Add(tokens[i]);
        }
        return words;
    }

    /// <summary>Sends one request and prints its reply: the body on <paramref name="output"/>, an error on <paramref name="error"/>.</summary>
    public static async Task<bool> RunOneAsync(CommandClient client, string request, TextWriter output, TextWriter error, CancellationToken ct)
    {
        // --follow streams until Ctrl+C (the invocation's cancellation), which sends the line that ends the stream.
        var follow = request.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("--follow");
        var reply = follow
            ? await client.StreamAsync(request, async line =>
            {
                await output.WriteLineAsync(line);
                await output.FlushAsync(CancellationToken.None);
            }, ct)
            : await client.SendAsync(request, ct);
        if (!reply.Ok)
        {
            await error.WriteLineAsync("error: " + reply.Error);
            return false;
        }
        foreach (var line in reply.Body) await output.WriteLineAsync(line);
        return true;
    }

    /// <summary>One request per line of <paramref name="input"/> until EOF; exit 1 when any failed.</summary>
    public static async Task<int> RunScriptAsync(CommandClient client, TextReader input, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var failed = false;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            failed |= !await RunOneAsync(client, line.Trim(), output, error, ct);
        }
        return failed ? 1 : 0;
    }

    private static async Task<int> InteractiveAsync(CommandClient client, string address, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var names = await CommandNamesAsync(client, ct);
        await output.WriteLineAsync($"connected to {address}; help lists commands, Tab completes, quit or Ctrl+D leaves");
        var editor = new ConsoleLineEditor(names);
        while (!ct.IsCancellationRequested)
        {
            var line = editor.ReadLine("na64> ");
            if (line is null || line.Trim() is "quit" or "exit") break;
            if (line.Trim().Length == 0) continue;
            try
            {
                await RunOneAsync(client, line.Trim(), output, error, ct);
            }
            catch (CommandClientException ex)
            {
                await error.WriteLineAsync("error: " + ex.Message);
                return 1;
            }
        }
        return 0;
    }

    /// <summary>Full command names from the host's own <c>help</c>, so completion knows what this node offers.</summary>
    public static async Task<IReadOnlyList<string>> CommandNamesAsync(CommandClient client, CancellationToken ct)
    {
        var reply = await client.SendAsync("help --json", ct);
        if (!reply.Ok || reply.Body.Count == 0) return ["help"];
        using var doc = JsonDocument.Parse(reply.Body[0]);
        var table = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.EnumerateObject().Last().Value;
        return table.EnumerateArray().Select(r => r.GetProperty("command").GetString()!).ToArray();
    }
}
