using System.CommandLine;
using NA64.Reco.Actors.Database;
using NA64.Reco.CommandHost;
using NA64.Reco.Results;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Commands;

/// <summary>
/// <c>na64 results ID --out DIR [--db FILE|postgres://… | --host H:PORT]</c>: writes the results folder of a done
/// campaign from the campaign database where it ran, read directly or through a node's command host. The same bytes as
/// <c>na64 run --out</c> wrote for it.
/// </summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Campaign id" };
        var outDir = new Option<string>("--out") { Description = "Folder to write the results into", Required = true };
        var db = new Option<string?>("--db") { Description = "The campaign database: a SQLite file or postgres://user:pw@host:port/db (default results/<id>/campaign.db)" };
        var connection = new CmdConnection();
        var host = new Option<string?>("--host") { Description = "Read through this node's command host HOST:PORT instead of the database" };
        var command = new Command("results", "Write the stored results of a done campaign into a folder") { id, outDir, db, host, connection.TokenFile };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var campaign = parse.GetValue(id)!;
            if (parse.GetValue(host) is not null && parse.GetValue(db) is not null)
            {
                await error.WriteLineAsync("na64 results: give --db or --host, not both");
                return ExitCodes.BadInput;
            }
            IReadOnlyList<ResultFile>? files;
            string from;
            try
            {
                if (parse.GetValue(host) is { } address)
                {
                    from = address;
                    await using var client = await CmdConnection.ConnectAsync(address, parse.GetValue(connection.TokenFile), "results", error, ct);
                    if (client is null) return ExitCodes.Unreachable;
                    files = await RemoteResults.FetchAsync(client, campaign, ct);
                }
                else
                {
                    var database = JournalDatabase.Parse(parse.GetValue(db) ?? Path.Combine("results", campaign, "campaign.db"));
                    from = database.Display;
                    if (database.SqlitePath is { } file && !File.Exists(file))
                    {
                        await error.WriteLineAsync($"na64 results: no campaign database {file}");
                        return ExitCodes.BadInput;
                    }
                    files = await Task.Run(() => new ResultsStore(database).Load(campaign), ct);
                }
            }
            catch (Exception ex) when (ex is FormatException or CommandClientException or InvalidDataException or System.Data.Common.DbException)
            {
                await error.WriteLineAsync($"na64 results: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.Failed;
            }
            if (files is null)
            {
                await error.WriteLineAsync($"na64 results: {from} holds no results of campaign '{campaign}' (not done, or unknown)");
                return ExitCodes.Failed;
            }
            try
            {
                foreach (var f in ResultsFolder.Write(Path.GetFullPath(parse.GetValue(outDir)!), files)) await parse.InvocationConfiguration.Output.WriteLineAsync("wrote " + f);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"na64 results: {ex.Message}");
                return ExitCodes.BadInput;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
