using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using NA64.Reco.CommandHost;
using NA64.Reco.CommandHost.Tests.Support;

namespace NA64.Reco.CommandHost.Tests;

/// <summary>
/// A node configured with no token makes one at its first start (256 random bits, mode 0600, in its state folder), and
/// the clients of the same user find it there; one made already is kept.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are POSIX ones
public sealed partial class TokenFileTests
{
    [Fact]
    public void The_generated_token_is_private_random_and_made_once()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "state", "cmd.token");
        var options = new CommandHostOptions { GeneratedTokenFile = file };

        var first = options.LoadToken();
        var again = options.LoadToken();
        var other = new CommandHostOptions { GeneratedTokenFile = Path.Combine(folder.Path, "other", "cmd.token") }.LoadToken();

        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!)); // no temporary file left behind
    }

    [Fact]
    public async Task Nodes_starting_at_once_end_up_with_one_token()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "cmd.token");

        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CommandToken.LoadOrCreate(file))));

        Assert.Single(tokens.Distinct());
        Assert.Equal(tokens[0], CommandToken.Read(file));
    }

    [Fact]
    public void Without_a_token_file_the_programs_use_the_generated_one_in_the_state_folder_on_loopback_only()
    {
        var loopback = CommandHostOptions.From("127.0.0.1", 0, null);
        var configured = CommandHostOptions.From("127.0.0.1", 0, "/etc/na64/token");
        var remote = CommandHostOptions.From("0.0.0.0", 0, null);

        Assert.Equal(CommandToken.DefaultFile(), loopback.GeneratedTokenFile);
        Assert.Equal(CommandToken.DefaultFile(), loopback.EffectiveTokenFile);
        Assert.Null(configured.GeneratedTokenFile);
        Assert.Equal("/etc/na64/token", configured.EffectiveTokenFile);
        Assert.Null(remote.EffectiveTokenFile);
        Assert.Contains("requires a token file", Assert.Throws<InvalidOperationException>(() => remote.LoadToken()).Message);
    }

    [Fact]
    public async Task A_node_makes_its_token_at_first_start_and_the_cli_of_the_same_user_reads_it()
    {
        using var folder = new TempFolder();
        var state = Path.Combine(folder.Path, "state");
        var port = FreePort();
        using var node = Na64Process.Start(Na64Process.Environment(state),
            "node", "--role", "all", "--hostname", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seeds", $"akka.tcp://na64@127.0.0.1:{port}", "--db", Path.Combine(folder.Path, "node.db"), "--health-port", "-1", "--cmd-port", "0");

        var started = await node.WaitForLine(CommandHostLine(), TimeSpan.FromSeconds(60));
        var host = started.Groups[1].Value;
        var file = Path.Combine(state, CommandToken.FileName);
        Assert.Equal(file, started.Groups[2].Value);
        Assert.Matches("^[0-9a-f]{64}$", CommandToken.Read(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        await node.WaitForLine(MemberUp(), TimeSpan.FromSeconds(60));

        var withToken = await Na64Process.Run(Na64Process.Environment(state), "cmd", "--host", host, "cluster", "down-unreachable");
        var otherUser = await Na64Process.Run(Na64Process.Environment(Path.Combine(folder.Path, "elsewhere")), "cmd", "--host", host, "cluster", "down-unreachable");

        Assert.True(withToken.Code == 0, withToken.Error);
        Assert.Equal("no unreachable member\n", withToken.Output);
        Assert.Equal(1, otherUser.Code);
        Assert.Equal("error: token required ('cluster down-unreachable' changes state): send 'auth TOKEN' first or prefix the request with token=TOKEN\n", otherUser.Error);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^command host (127\.0\.0\.1:\d+) \(token in (.+)\): ")]
    private static partial Regex CommandHostLine();

    [GeneratedRegex("^member up$")]
    private static partial Regex MemberUp();
}
