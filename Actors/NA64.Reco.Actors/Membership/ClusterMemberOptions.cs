using Microsoft.Extensions.Configuration;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Tls;

namespace NA64.Reco.Actors.Membership;

/// <summary>
/// What every cluster member, seed or node, takes from the environment of the cluster contract (docs/operations.md),
/// bound from <see cref="IConfiguration"/> under the variables' own names; a program's command-line options override
/// them (<see cref="Load"/>). An empty variable counts as unset, as Kubernetes renders an optional value left out.
/// </summary>
public sealed class ClusterMemberOptions
{
    /// <summary>Address to bind, and to advertise unless <see cref="PublicHostname"/> is set.</summary>
    [ConfigurationKeyName("CLUSTER_IP")]
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Address to advertise (a pod's stable DNS name); null: <see cref="Hostname"/>.</summary>
    [ConfigurationKeyName("CLUSTER_HOSTNAME")]
    public string? PublicHostname { get; set; }

    /// <summary>Akka remoting port.</summary>
    [ConfigurationKeyName("CLUSTER_PORT")]
    public int Port { get; set; } = 4053;

    /// <summary>Comma-separated seed addresses.</summary>
    [ConfigurationKeyName("CLUSTER_SEEDS")]
    public string? Seeds { get; set; }

    /// <summary>Comma-separated <c>host:port</c> of other members to ask before joining (<see cref="ClusterContacts"/>).</summary>
    [ConfigurationKeyName("CLUSTER_CONTACTS")]
    public string? Contacts { get; set; }

    /// <summary>Seconds a member that is not the first seed tries to join before it exits 6.</summary>
    [ConfigurationKeyName("NA64_JOIN_TIMEOUT_S")]
    public double JoinTimeoutSeconds { get; set; } = PipelineHosting.DefaultJoinTimeout.TotalSeconds;

    /// <summary>The split-brain resolver's stable-after, in milliseconds.</summary>
    [ConfigurationKeyName("NA64_SBR_STABLE_AFTER_MS")]
    public int SplitBrainStableAfterMs { get; set; } = 15_000;

    /// <summary>The cluster certificate (<see cref="ClusterTls"/>); null: plain remoting.</summary>
    [ConfigurationKeyName(ClusterTls.CertificateVariable)]
    public string? TlsCertificate { get; set; }

    /// <summary>The certificate's password file; null: the password in <c>NA64_TLS_PASSWORD</c>, if any.</summary>
    [ConfigurationKeyName(ClusterTls.PasswordFileVariable)]
    public string? TlsPasswordFile { get; set; }

    /// <summary>Address of the command host; null: loopback.</summary>
    [ConfigurationKeyName("NA64_CMD_BIND")]
    public string? CommandHostBind { get; set; }

    /// <summary>The command host's token file; null: the node's generated one.</summary>
    [ConfigurationKeyName("NA64_CMD_TOKEN_FILE")]
    public string? CommandHostTokenFile { get; set; }

    public TimeSpan JoinTimeout => TimeSpan.FromSeconds(JoinTimeoutSeconds);

    public TimeSpan SplitBrainStableAfter => TimeSpan.FromMilliseconds(SplitBrainStableAfterMs);

    /// <summary>The seeds, split at commas; empty when none are configured.</summary>
    public IReadOnlyList<string> SeedList =>
        (Seeds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Bound from the environment, then from <paramref name="overrides"/> (variable name to the command line's value;
    /// null values are options not given).
    /// </summary>
    /// <exception cref="FormatException">A value that is not of its option's type, naming the variable.</exception>
    public static ClusterMemberOptions Load(IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        From(new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddInMemoryCollection((overrides ?? []).Where(o => o.Value is not null))
            .Build());

    /// <inheritdoc cref="Load"/>
    public static ClusterMemberOptions From(IConfiguration configuration)
    {
        // Unset and empty alike: the binder would refuse an empty number, and an empty address means none.
        var given = new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable().Where(kv => !string.IsNullOrEmpty(kv.Value)))
            .Build();
        var options = new ClusterMemberOptions();
        try
        {
            given.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
        return options;
    }
}
