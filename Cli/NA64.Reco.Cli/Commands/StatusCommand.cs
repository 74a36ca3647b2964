using System.CommandLine;
using NA64.Reco.Cli.Terminal;
using NA64.Reco.Cli.Campaigns;

namespace NA64.Reco.Cli.Commands;

/// <summary><c>na64 status ID --host H:PORT</c>: the progress table of one campaign (<c>campaign status ID</c> on the command host).</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var connection = new CmdConnection();
        var id = new Argument<string>("id") { Description = "Campaign id (as printed by na64 submit)" };
        var json = new Option<bool>("--json") { Description = "One line of JSON instead of the table" };
        var command = new Command("status", "Show the progress of a campaign on a running cluster");
        command.Arguments.Add(id);
        command.Options.Add(json);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var campaign = parse.GetValue(id)!;
            if (campaign.Any(char.IsWhiteSpace))
            {
                await error.WriteLineAsync("na64 status: a campaign id has no white space");
                return 2;
            }
            await using var client = await connection.ConnectAsync(parse, "status", error, ct);
            if (client is null) return ExitCodes.Unreachable;
            var request = "campaign status " + campaign + (parse.GetValue(json) ? " --json" : "");
            return await CmdConnection.GuardAsync("status", parse.GetValue(connection.Host)!, error,
                async () => await CmdCommand.RunOneAsync(client, request, parse.InvocationConfiguration.Output, error, ct) ? 0 : 1);
        });
        return command;
    }
}
