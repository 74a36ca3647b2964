using System.Globalization;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Membership;
using NA64.Reco.CommandHost;

namespace NA64.Reco.Seed;

/// <summary>The seed's address and seeds: command-line options first, then the environment of the cluster contract (<see cref="ClusterMemberOptions"/>).</summary>
/// <param name="CommandHost">The command host (cluster, actor and log palettes); null with <c>--cmd-port -1</c>.</param>
/// <param name="TlsCertificate">The cluster certificate (<c>--tls-certificate</c>, else NA64_TLS_CERTIFICATE); null: plain remoting.</param>
/// <param name="TlsPasswordFile">Its password's file (<c>--tls-password-file</c>, else NA64_TLS_PASSWORD_FILE, else the password in NA64_TLS_PASSWORD).</param>
/// <param name="Contacts">Other members to ask before joining (<c>--contacts</c>, else CLUSTER_CONTACTS; <see cref="ClusterContacts"/>).</param>
/// <param name="JoinTimeout">A seed that is not first and joined nobody in this time exits 6 (<c>--join-timeout</c> seconds, else NA64_JOIN_TIMEOUT_S).</param>
internal sealed record SeedSettings(string Hostname, string? PublicHostname, int Port, IReadOnlyList<string> Seeds, int HealthPort, TimeSpan SplitBrainStableAfter,
    CommandHostOptions? CommandHost, string? TlsCertificate, string? TlsPasswordFile, IReadOnlyList<string> Contacts, TimeSpan JoinTimeout)
{
    /// <summary>
    /// Null on a malformed command line; a malformed contact throws <see cref="ArgumentException"/> naming it, a value of the
    /// wrong type (option or variable) <see cref="FormatException"/> naming its variable.
    /// </summary>
    public static SeedSettings? From(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal)) return null;
            values[args[i]] = args[i + 1];
        }
        foreach (var key in values.Keys)
            if (key is not ("--hostname" or "--public-hostname" or "--port" or "--seeds" or "--health-port" or "--cmd-port" or "--cmd-bind" or "--cmd-token-file"
                or "--tls-certificate" or "--tls-password-file" or "--contacts" or "--join-timeout")) return null;
        // The environment of the cluster contract, each variable overridden by its option.
        var member = ClusterMemberOptions.Load(Overrides.Select(o => KeyValuePair.Create(o.Variable, values.GetValueOrDefault(o.Option))));
        if (!TryInt(values.GetValueOrDefault("--health-port") ?? HealthEndpoint.DefaultPort.ToString(CultureInfo.InvariantCulture), out var healthPort)) return null;
        IReadOnlyList<string> seeds = member.SeedList;
        // Alone, a seed is its own seed: the first seed of a StatefulSet forms the cluster.
        if (seeds.Count == 0) seeds = [$"akka.tcp://na64@{member.PublicHostname ?? member.Hostname}:{member.Port}"]; // akka.ssl.tcp with TLS
        if (!TryInt(values.GetValueOrDefault("--cmd-port") ?? CommandHostOptions.DefaultPort.ToString(CultureInfo.InvariantCulture), out var cmdPort) || cmdPort > 65535)
            return null;
        var commandHost = cmdPort < 0 ? null : CommandHostOptions.From(member.CommandHostBind, cmdPort, member.CommandHostTokenFile);
        var contacts = ClusterContacts.ParseList(member.Contacts);
        if (!(member.JoinTimeoutSeconds > 0)) return null;
        return new SeedSettings(member.Hostname, member.PublicHostname, member.Port, seeds, healthPort, member.SplitBrainStableAfter, commandHost,
            member.TlsCertificate, member.TlsPasswordFile, contacts, member.JoinTimeout);
    }

    /// <summary>The options that override a variable of <see cref="ClusterMemberOptions"/>.</summary>
    private static readonly (string Option, string Variable)[] Overrides =
    [
        ("--hostname", "CLUSTER_IP"), ("--public-hostname", "CLUSTER_HOSTNAME"), ("--port", "CLUSTER_PORT"), ("--seeds", "CLUSTER_SEEDS"),
        ("--contacts", "CLUSTER_CONTACTS"), ("--join-timeout", "NA64_JOIN_TIMEOUT_S"), ("--cmd-bind", "NA64_CMD_BIND"),
        ("--cmd-token-file", "NA64_CMD_TOKEN_FILE"), ("--tls-certificate", "NA64_TLS_CERTIFICATE"), ("--tls-password-file", "NA64_TLS_PASSWORD_FILE"),
    ];

    private static bool TryInt(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
