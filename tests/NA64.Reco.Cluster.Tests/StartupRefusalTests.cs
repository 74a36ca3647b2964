using NA64.Reco.Cluster.Tests.Support;

namespace NA64.Reco.Cluster.Tests;

/// <summary>
/// A misconfigured seed or node (as a wrong ConfigMap or Secret would make it) exits 2 at once with one line naming
/// the setting, before it joins anything: Kubernetes shows the reason in the pod's log instead of a half-working member.
/// </summary>
public sealed class StartupRefusalTests
{
    [Theory]
    [InlineData("node --db postgres://na64@db-host", "--db: 'postgres://na64@db-host' names no database")]
    [InlineData("node --db postgres://na64:secret@db-host/na64?nonsense=1", "'postgres://na64:***@db-host/na64?nonsense=1'")]
    [InlineData("node --cmd-bind 0.0.0.0", "binding 0.0.0.0 (not loopback) requires a token file")]
    [InlineData("node --cmd-bind 0.0.0.0 --cmd-token-file /nonexistent/token", "/nonexistent/token")]
    [InlineData("node --cmd-bind not-an-ip", "--cmd-bind 'not-an-ip' is not an IP address")]
    [InlineData("node --role boss", "--role must be all, worker or coordinator, not 'boss'")]
    [InlineData("seed --cmd-bind 0.0.0.0", "binding 0.0.0.0 (not loopback) requires a token file")]
    [InlineData("node --tls-certificate /nonexistent/cluster.pfx", "TLS certificate '/nonexistent/cluster.pfx'")]
    [InlineData("seed --tls-certificate /nonexistent/cluster.pfx", "TLS certificate '/nonexistent/cluster.pfx'")]
    [InlineData("node --tls-password-file /nonexistent/password", "TLS password file '/nonexistent/password' given without a certificate")]
    public async Task A_misconfigured_process_exits_2_naming_the_setting(string commandLine, string expected)
    {
        var words = commandLine.Split(' ');
        string[] common = ["--seeds", "akka.tcp://na64@127.0.0.1:1", "--port", "0", "--health-port", "-1"];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = words[0] == "seed"
            ? ChildProcess.Seed("seed", TestCluster.IsolatedEnvironment(), [.. words[1..], .. common])
            : ChildProcess.Node("node", TestCluster.IsolatedEnvironment(), [.. words, .. common]);
        Assert.Equal(2, await process.WaitForExit(timeout.Token));
        Assert.Contains(expected, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("member up", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("node")]
    public async Task A_variable_of_the_wrong_type_exits_2_naming_it(string program)
    {
        var environment = TestCluster.IsolatedEnvironment();
        environment["NA64_SBR_STABLE_AFTER_MS"] = "soon";
        string[] common = ["--seeds", "akka.tcp://na64@127.0.0.1:1", "--port", "0", "--health-port", "-1"];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = program == "seed"
            ? ChildProcess.Seed("seed", environment, common)
            : ChildProcess.Node("node", environment, ["node", .. common]);
        Assert.Equal(2, await process.WaitForExit(timeout.Token));
        Assert.Contains("'soon' at 'NA64_SBR_STABLE_AFTER_MS'", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("member up", process.Output, StringComparison.Ordinal);
    }
}
