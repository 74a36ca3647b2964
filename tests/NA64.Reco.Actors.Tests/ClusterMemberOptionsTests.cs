using Microsoft.Extensions.Configuration;
using NA64.Reco.Actors.Membership;

namespace NA64.Reco.Actors.Tests;

/// <summary>
/// The cluster contract's variables bound into <see cref="ClusterMemberOptions"/>: each under its own name, defaults
/// for those unset or empty, a later source (the command line) overriding an earlier one (the environment), and a value
/// of the wrong type refused naming its variable.
/// </summary>
public sealed class ClusterMemberOptionsTests
{
    [Fact]
    public void Every_variable_binds_under_its_own_name()
    {
        var options = ClusterMemberOptions.From(Config(new()
        {
            ["CLUSTER_IP"] = "10.1.2.3",
            ["CLUSTER_HOSTNAME"] = "na64-seed-0.na64-seed",
            ["CLUSTER_PORT"] = "4100",
            ["CLUSTER_SEEDS"] = "akka.tcp://na64@a:4053, akka.tcp://na64@b:4053",
            ["CLUSTER_CONTACTS"] = "na64-worker:4053",
            ["NA64_JOIN_TIMEOUT_S"] = "12.5",
            ["NA64_SBR_STABLE_AFTER_MS"] = "2000",
            ["NA64_TLS_CERTIFICATE"] = "/tls/cluster.pfx",
            ["NA64_TLS_PASSWORD_FILE"] = "/tls/password",
            ["NA64_CMD_BIND"] = "0.0.0.0",
            ["NA64_CMD_TOKEN_FILE"] = "/token/cmd-token",
        }));

        Assert.Equal("10.1.2.3", options.Hostname);
        Assert.Equal("na64-seed-0.na64-seed", options.PublicHostname);
        Assert.Equal(4100, options.Port);
        Assert.Equal(["akka.tcp://na64@a:4053", "akka.tcp://na64@b:4053"], options.SeedList);
        Assert.Equal("na64-worker:4053", options.Contacts);
        Assert.Equal(TimeSpan.FromSeconds(12.5), options.JoinTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.SplitBrainStableAfter);
        Assert.Equal("/tls/cluster.pfx", options.TlsCertificate);
        Assert.Equal("/tls/password", options.TlsPasswordFile);
        Assert.Equal("0.0.0.0", options.CommandHostBind);
        Assert.Equal("/token/cmd-token", options.CommandHostTokenFile);
    }

    [Fact]
    public void Unset_and_empty_variables_take_the_defaults()
    {
        var options = ClusterMemberOptions.From(Config(new() { ["CLUSTER_PORT"] = "", ["CLUSTER_IP"] = "", ["NA64_TLS_CERTIFICATE"] = "" }));

        Assert.Equal("127.0.0.1", options.Hostname);
        Assert.Null(options.PublicHostname);
        Assert.Equal(4053, options.Port);
        Assert.Empty(options.SeedList);
        Assert.Null(options.Contacts);
        Assert.Equal(TimeSpan.FromSeconds(60), options.JoinTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), options.SplitBrainStableAfter);
        Assert.Null(options.TlsCertificate);
        Assert.Null(options.CommandHostBind);
    }

    [Fact]
    public void A_later_source_overrides_an_earlier_one_and_what_it_leaves_out_stays()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CLUSTER_PORT"] = "4053", ["CLUSTER_IP"] = "10.1.2.3" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CLUSTER_PORT"] = "4999" })
            .Build();
        var options = ClusterMemberOptions.From(configuration);

        Assert.Equal(4999, options.Port);
        Assert.Equal("10.1.2.3", options.Hostname);
    }

    [Fact]
    public void Overrides_given_to_Load_win_and_those_not_given_are_ignored()
    {
        var options = ClusterMemberOptions.Load([KeyValuePair.Create("CLUSTER_PORT", (string?)"4321"), KeyValuePair.Create("NA64_SBR_STABLE_AFTER_MS", (string?)"750"),
            KeyValuePair.Create("CLUSTER_HOSTNAME", (string?)null)]);

        Assert.Equal(4321, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.SplitBrainStableAfter);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_naming_its_variable()
    {
        var e = Assert.Throws<FormatException>(() => ClusterMemberOptions.From(Config(new() { ["CLUSTER_PORT"] = "four" })));
        Assert.Contains("'four'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'CLUSTER_PORT'", e.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
