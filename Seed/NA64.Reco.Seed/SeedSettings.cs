using System.Globalization;
using NA64.Reco.Actors.Hosting;
using NA64.Reco.Actors.Membership;
using NA64.Reco.CommandHost;

namespace NA64.Reco.Seed;

/// <summary>The seed's address and seeds: command-line options first, then the environment of the cluster contract.</summary>
/// <param name="CommandHost">The command host (cluster, actor and log palettes); null with <c>--cmd-port -1</c>.</param>
/// <param name="TlsCertificate">The cluster certificate (<c>--tls-certificate</c>, else NA64_TLS_CERTIFICATE); null: plain remoting.</param>
/// <param name="TlsPasswordFile">Its password's file (<c>--tls-password-file</c>, else NA64_TLS_PASSWORD_FILE, else the password in NA64_TLS_PASSWORD).</param>
/// <param name="Contacts">Other members to ask before joining (<c>--contacts</c>, else CLUSTER_CONTACTS; <see cref="ClusterContacts"/>).</param>
/// <param name="JoinTimeout">A seed that is not first and joined nobody in this time exits 6 (<c>--join-timeout</c> seconds, else NA64_JOIN_TIMEOUT_S).</param>
internal sealed record SeedSettings(string Hostname, string? PublicHostname, int Port, IReadOnlyList<string> Seeds, int HealthPort, TimeSpan SplitBrainStableAfter,
    CommandHostOptions? CommandHost, string? TlsCertificate, string? TlsPasswordFile, IReadOnlyList<string> Contacts, TimeSpan JoinTimeout)
{
    /// <summary>Null on a malformed command line; a malformed contact throws <see cref="ArgumentException"/> naming it.</summary>
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
        var hostname = values.GetValueOrDefault("--hostname") ?? Env("CLUSTER_IP") ?? "127.0.0.1";
        var publicHostname = values.GetValueOrDefault("--public-hostname") ?? Env("CLUSTER_HOSTNAME");
        if (!TryInt(values.GetValueOrDefault("--port") ?? Env("CLUSTER_PORT") ?? "4053", out var port)) return null;
        if (!TryInt(values.GetValueOrDefault("--health-port") ?? HealthEndpoint.DefaultPort.ToString(CultureInfo.InvariantCulture), out var healthPort)) return null;
        var seeds = (values.GetValueOrDefault("--seeds") ?? Env("CLUSTER_SEEDS") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Alone, a seed is its own seed: the first seed of a StatefulSet forms the cluster.
        if (seeds.Length == 0) seeds = [$"akka.tcp://na64@{publicHostname ?? hostname}:{port}"]; // akka.ssl.tcp with TLS
        var stable = TryInt(Env("NA64_SBR_STABLE_AFTER_MS") ?? "", out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(15);
        if (!TryInt(values.GetValueOrDefault("--cmd-port") ?? CommandHostOptions.DefaultPort.ToString(CultureInfo.InvariantCulture), out var cmdPort) || cmdPort > 65535)
            return null;
        var commandHost = cmdPort < 0 ? null : CommandHostOptions.From(values.GetValueOrDefault("--cmd-bind"), cmdPort, values.GetValueOrDefault("--cmd-token-file"));
        var contacts = ClusterContacts.ParseList(values.GetValueOrDefault("--contacts") ?? Env("CLUSTER_CONTACTS"));
        if (!double.TryParse(values.GetValueOrDefault("--join-timeout") ?? Env("NA64_JOIN_TIMEOUT_S") ?? PipelineHosting.DefaultJoinTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                NumberStyles.Float, CultureInfo.InvariantCulture, out var joinSeconds) || !(joinSeconds > 0)) return null;
        return new SeedSettings(hostname, publicHostname, port, seeds, healthPort, stable, commandHost,
            values.GetValueOrDefault("--tls-certificate"), values.GetValueOrDefault("--tls-password-file"), contacts, TimeSpan.FromSeconds(joinSeconds));
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static bool TryInt(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
}
