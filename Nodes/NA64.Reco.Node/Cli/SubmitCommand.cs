using System.CommandLine;
using System.Text;
using System.Text.Json;
using NA64.Reco.Actors.Inspection;

namespace NA64.Reco.Node.Cli;

/// <summary>
/// <c>na64 submit SPEC --host H:PORT</c>: sends the spec file (and its folder, which relative paths in it are resolved
/// against on the coordinator's node) to the campaign manager through a command host; prints the campaign id.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var connection = new CmdConnection();
        var spec = new Argument<string>("spec") { Description = "Campaign spec (JSON, see docs/campaign-spec.md)" };
        var command = new Command("submit", "Submit a campaign to a running cluster; prints its id");
        command.Arguments.Add(spec);
        connection.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = Path.GetFullPath(parse.GetValue(spec)!);
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"na64 submit: {ex.Message}");
                return 2;
            }
            if (bytes.Length > CampaignPalette.MaxSpecBytes)
            {
                await error.WriteLineAsync($"na64 submit: {path} is larger than {CampaignPalette.MaxSpecBytes} bytes");
                return 2;
            }
            await using var client = await connection.ConnectAsync(parse, "submit", error, ct);
            if (client is null) return 1;
            var baseDir = Path.GetDirectoryName(path)!;
            var reply = await client.SendAsync(
                $"campaign submit {Convert.ToBase64String(bytes)} {Convert.ToBase64String(Encoding.UTF8.GetBytes(baseDir))} --json", ct);
            if (!reply.Ok)
            {
                await error.WriteLineAsync("na64 submit: " + reply.Error);
                return 1;
            }
            using var doc = JsonDocument.Parse(reply.Body[0]);
            var row = doc.RootElement[0];
            await output.WriteLineAsync(row.GetProperty("campaign").GetString());
            if (row.GetProperty("resumed").GetBoolean()) await error.WriteLineAsync("na64 submit: the campaign's journal existed: resumed");
            return 0;
        });
        return command;
    }
}
