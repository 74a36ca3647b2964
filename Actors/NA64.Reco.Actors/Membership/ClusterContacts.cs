using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace NA64.Reco.Actors.Membership;

/// <summary>
/// The addresses a starting member asks before it joins: the static seeds first, then every address that the contact
/// names resolve to now (in Kubernetes the headless Services of the coordinator and the workers, which list their pods'
/// IPs, the addresses those members advertise). Akka's own seed process does the rest: the first seed sends InitJoin to
/// all the others and joins the first member that acknowledges, forming a new cluster only when none does (every one
/// refuses or none answers within <c>seed-node-timeout</c>); any other member joins the first that acknowledges and
/// never forms one. With the workers among the contacts, a seed restarted while both seeds were down joins the
/// workers' cluster instead of forming a second one (docs/operations.md, "Cluster formation").
/// </summary>
public static class ClusterContacts
{
    /// <summary>
    /// <paramref name="seeds"/> followed by the resolved <paramref name="contacts"/> (<c>host:port</c>, a name resolving
    /// to several addresses gives them all) that are not seeds already, in the scheme of the first seed.
    /// </summary>
    /// <param name="unresolved">Receives each contact that names no address now (a Service without pods): skipped.</param>
    public static IReadOnlyList<string> JoinList(IReadOnlyList<string> seeds, IReadOnlyList<string> contacts, Action<string>? unresolved = null)
    {
        if (seeds.Count == 0) throw new ArgumentException("no seeds", nameof(seeds));
        var first = seeds[0];
        var schemeEnd = first.IndexOf('@', StringComparison.Ordinal);
        if (schemeEnd < 0) throw new ArgumentException($"seed '{first}' is not an address of the form akka.tcp://SYSTEM@HOST:PORT", nameof(seeds));
        var prefix = first[..(schemeEnd + 1)];
        var list = new List<string>(seeds);
        foreach (var contact in contacts)
        {
            var (host, port) = Parse(contact);
            IPAddress[] addresses;
            try
            {
                addresses = IPAddress.TryParse(host, out var literal) ? [literal] : Dns.GetHostAddresses(host);
            }
            catch (SocketException ex)
            {
                unresolved?.Invoke($"contact '{contact}': {ex.Message}");
                continue;
            }
            if (addresses.Length == 0) unresolved?.Invoke($"contact '{contact}': no address");
            // Sorted: every member computes the same list from the same records, whatever order DNS returned them in.
            foreach (var address in addresses.OrderBy(a => a.ToString(), StringComparer.Ordinal))
            {
                var text = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
                var entry = string.Create(CultureInfo.InvariantCulture, $"{prefix}{text}:{port}");
                if (!list.Contains(entry, StringComparer.Ordinal)) list.Add(entry);
            }
        }
        return list;
    }

    /// <summary>What a member that nobody let in says before it exits: whom it asked, and for how long.</summary>
    public static string NobodyJoined(IReadOnlyList<string> joinList, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"joined nobody of {string.Join(',', joinList)} within {timeout.TotalSeconds:0.###} s");

    /// <summary>The contacts of a comma-separated list (<c>--contacts</c>, CLUSTER_CONTACTS); a malformed entry throws naming it.</summary>
    public static IReadOnlyList<string> ParseList(string? text)
    {
        var entries = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var entry in entries) Parse(entry);
        return entries;
    }

    private static (string Host, int Port) Parse(string contact)
    {
        var colon = contact.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(contact.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new ArgumentException($"contact '{contact}' is not HOST:PORT");
        return (contact[..colon].Trim('[', ']'), port);
    }
}
