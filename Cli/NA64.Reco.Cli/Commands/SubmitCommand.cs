using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NA64.Reco.Actors.Campaign;
using NA64.Reco.Cli.Campaigns;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.CommandHost;
using NA64.Reco.Physics.Analysis;
using NA64.Reco.Physics.Detector;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 submit SPEC --host H:PORT [--follow] [--out DIR]</c>: sends the spec (with the conditions file it names; its
/// relative raw paths resolve under the data root of the manager's node) to the campaign manager through a command host
/// and prints the campaign id. With <c>--follow</c> it waits for the end: exit 0 when done, 1 when failed
/// or cancelled; with <c>--out</c> it then writes the campaign's stored results into that folder (what a Kubernetes
/// campaign Job does).
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var connection = new CmdConnection();
        var spec = new Argument<string>("spec") { Description = "Campaign spec (JSON, see docs/campaign-spec.md)" };
        var follow = new Option<bool>("--follow") { Description = "Wait for the campaign's end: exit 0 when done, 1 when failed or cancelled" };
        var outDir = new Option<string?>("--out") { Description = "Then write its results into this folder (implies --follow)" };
        var command = new Command("submit", "Submit a campaign to a running cluster; prints its id") { spec, follow, outDir };
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            SpecSubmission submission;
            try
            {
                submission = SpecSubmission.Load(parse.GetValue(spec)!);
            }
            catch (Exception ex) when (ex is CampaignSpecException or ConditionsException)
            {
                await error.WriteLineAsync($"na64 submit: {ex.Message}");
                return ExitCodes.BadInput;
            }
            var specBytes = Encoding.UTF8.GetBytes(submission.Submit.SpecJson);
            if (specBytes.Length > CampaignPalette.MaxSpecBytes)
            {
                await error.WriteLineAsync($"na64 submit: the spec is larger than {CampaignPalette.MaxSpecBytes} bytes");
                return ExitCodes.BadInput;
            }
            await using var client = await connection.ConnectAsync(parse, "submit", error, ct);
            if (client is null) return ExitCodes.Unreachable;
            // The spec and its conditions only: relative raw paths resolve under the node's data root, not here.
            var request = $"campaign submit {Convert.ToBase64String(specBytes)}";
            if (submission.Submit.ConditionsJson is { } conditions) request += " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(conditions));
            CommandResponse reply;
            try
            {
                reply = await client.SendAsync(request + " --json", ct);
            }
            catch (Exception ex) when (CmdConnection.IsConnectionFailure(ex))
            {
                await error.WriteLineAsync($"na64 submit: {parse.GetValue(connection.Host)}: {ex.Message}");
                return ExitCodes.Unreachable;
            }
            if (!reply.Ok)
            {
                await error.WriteLineAsync("na64 submit: " + reply.Error);
                return ExitCodes.Failed;
            }
            using var doc = JsonDocument.Parse(reply.Body[0]);
            var row = doc.RootElement[0];
            var id = row.GetProperty("campaign").GetString()!;
            await output.WriteLineAsync(id);
            if (row.GetProperty("resumed").GetBoolean()) await error.WriteLineAsync("na64 submit: the campaign's journal existed: resumed");
            var results = parse.GetValue(outDir);
            if (!parse.GetValue(follow) && results is null) return ExitCodes.Ok;
            return await FollowAsync(client, id, SampleExposure.Unit(submission.Spec.Samples.Select(x => x.Descriptor)), results, connection, parse, output, error, ct);
        });
        return command;
    }

    /// <summary>
    /// Asks for the campaign's status until it ends (its exposure counted in <paramref name="unit"/>, EOT or MOT); done with <paramref name="results"/>: fetches its results there. A
    /// lost connection (the node behind the Service went away, the manager moved) is made again, as often as needed.
    /// </summary>
    private static async Task<int> FollowAsync(CommandClient first, string id, string unit, string? results, CmdConnection connection, ParseResult parse,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var lastLine = "";
        CommandClient? client = first;
        try
        {
            using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await tick.WaitForNextTickAsync(ct))
            {
                try
                {
                    client ??= await connection.ConnectAsync(parse, "submit", error, ct);
                    if (client is null) continue;
                    var reply = await client.SendAsync($"campaign status {id} --json", ct);
                    if (!reply.Ok)
                    {
                        // The manager may be moving or restarting: ask again.
                        await error.WriteLineAsync($"na64 submit: {reply.Error}; asking again");
                        continue;
                    }
                    var status = new Dictionary<string, string>(StringComparer.Ordinal);
                    using (var doc = JsonDocument.Parse(reply.Body[0]))
                        foreach (var row in doc.RootElement.EnumerateArray())
                            status[row.GetProperty("field").GetString()!] = row.GetProperty("value").ToString();
                    var line = string.Create(CultureInfo.InvariantCulture, $"{id}: {status.GetValueOrDefault("spills")}, {unit} {status.GetValueOrDefault("eot")} | {status.GetValueOrDefault("state")}");
                    if (line != lastLine) await output.WriteLineAsync(lastLine = line);
                    switch (status.GetValueOrDefault("state"))
                    {
                        case CampaignManager.Done:
                            return results is null ? ExitCodes.Ok : await WriteResultsAsync(client, id, results, output, error, ct);
                        case CampaignManager.Failed or CampaignManager.Cancelled:
                            await error.WriteLineAsync($"na64 submit: campaign {id} {status["state"]}{(status.TryGetValue("reason", out var why) ? ": " + why : "")}");
                            return ExitCodes.Failed;
                    }
                }
                catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or CommandClientException)
                {
                    await error.WriteLineAsync($"na64 submit: connection lost ({ex.Message}); connecting again");
                    if (client is not null) await client.DisposeAsync();
                    client = null;
                }
            }
            return ExitCodes.Interrupted;
        }
        finally
        {
            if (client is not null && !ReferenceEquals(client, first)) await client.DisposeAsync();
        }
    }

    private static async Task<int> WriteResultsAsync(CommandClient client, string id, string results, TextWriter output, TextWriter error, CancellationToken ct)
    {
        try
        {
            foreach (var f in ResultsFolder.Write(Path.GetFullPath(results), await RemoteResults.FetchAsync(client, id, ct)))
                await output.WriteLineAsync("wrote " + f);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CommandClientException or InvalidDataException)
        {
            await error.WriteLineAsync($"na64 submit: campaign {id} is done, but its results could not be written to {results}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
