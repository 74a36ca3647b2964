using Microsoft.Extensions.Logging.Abstractions;
using NA64.Reco.CommandHost;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>A command that never finishes (and ignores its token) gets an error at the deadline; the connection goes on.</summary>
public sealed class CommandDeadlineTests
{
    [Fact]
    public async Task A_hung_command_is_answered_with_an_error_at_the_deadline_and_the_connection_stays_usable()
    {
        var never = new TaskCompletionSource<CommandReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The deadline holds for every command, help too: long enough for help on a machine loaded by the other test
        // assemblies, and help is asked once first so that its code is compiled before the clock matters.
        var options = new CommandHostOptions { Port = 0, CommandDeadline = TimeSpan.FromSeconds(1.5) };
        await using var host = CommandHost.Start(options, new CommandDispatcher([new HangingPalette(never.Task)]), NullLogger.Instance);
        await using var client = await CommandClient.ConnectAsync("127.0.0.1", host.Port, null);
        using var testDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.True((await client.SendAsync("help", testDeadline.Token)).Ok);
        var hung = await client.SendAsync("stuck forever", testDeadline.Token);
        var help = await client.SendAsync("help", testDeadline.Token);

        Assert.Equal("stuck command did not finish within 1.5 s", hung.Error);
        Assert.True(help.Ok, help.Error);
        Assert.Contains(help.Body, l => l.Contains("stuck", StringComparison.Ordinal));
        never.SetResult(CommandReply.Message("too late"));
    }

    private sealed class HangingPalette(Task<CommandReply> never) : ICommandPalette
    {
        public string Name => "stuck";
        public string Description => "a command that waits for ever";
        public IReadOnlyList<CommandDefinition> Commands { get; } = [new("forever", "", "never answers", (_, _) => never)];
    }
}
