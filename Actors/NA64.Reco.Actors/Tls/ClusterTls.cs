using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Hosting;
using Akka.Remote.Transport.DotNetty;

namespace NA64.Reco.Actors.Tls;

/// <summary>
/// Remoting over mutual TLS with the cluster certificate: every member presents it, and accepts a peer only if the peer
/// presents exactly the same certificate (pinned: same bytes, so same key), whether the peer connects or is connected
/// to. A process without the certificate's private key cannot complete a handshake with a member, so it can neither
/// join nor send a single envelope. Chain and host name are not checked: the certificate is the cluster's shared
/// identity (self-signed, from a Secret), not a host's.
/// </summary>
/// <remarks>
/// With TLS the addresses are <c>akka.ssl.tcp://na64@host:port</c>; seeds given as <c>akka.tcp://</c> (the cluster
/// contract's <c>CLUSTER_SEEDS</c>) are read as their <c>akka.ssl.tcp://</c> counterparts.
/// </remarks>
public sealed class ClusterTls
{
    /// <summary>Variables of the cluster contract: the PKCS#12 file, and the file holding its password (or the password itself).</summary>
    public const string CertificateVariable = "NA64_TLS_CERTIFICATE";
    public const string PasswordFileVariable = "NA64_TLS_PASSWORD_FILE";
    public const string PasswordVariable = "NA64_TLS_PASSWORD";

    private const string PlainScheme = "akka.tcp://";
    private const string TlsScheme = "akka.ssl.tcp://";

    private long _refused;

    private ClusterTls(X509Certificate2 certificate, string path)
    {
        Certificate = certificate;
        Path = path;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The file the certificate came from.</summary>
    public string Path { get; }

    /// <summary>Handshakes refused because the peer presented no certificate or another one.</summary>
    public long RefusedPeers => Interlocked.Read(ref _refused);

    /// <summary>
    /// The certificate of the options (falling back on <see cref="CertificateVariable"/> and the password variables);
    /// null when none is named: remoting stays plain.
    /// </summary>
    /// <exception cref="ClusterTlsException">The file or its password cannot be read, or the certificate has no private key.</exception>
    public static ClusterTls? From(string? certificatePath, string? passwordFile)
    {
        certificatePath ??= Env(CertificateVariable);
        passwordFile ??= Env(PasswordFileVariable);
        if (certificatePath is null)
            return passwordFile is null ? null : throw new ClusterTlsException($"TLS password file '{passwordFile}' given without a certificate (--tls-certificate or {CertificateVariable})");
        string? password;
        try
        {
            // A Secret's file ends with whatever newline the operator's editor left.
            password = passwordFile is null ? Env(PasswordVariable) : File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterTlsException($"TLS password file '{passwordFile}': {e.Message}", e);
        }
        return Load(certificatePath, password);
    }

    /// <summary>The PKCS#12 (.pfx/.p12) file <paramref name="path"/>: certificate and private key.</summary>
    public static ClusterTls Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ClusterTlsException($"TLS certificate '{path}': {e.Message} (a PKCS#12 file with its key; wrong password?)", e);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ClusterTlsException($"TLS certificate '{path}': no private key in the file (export it with its key: openssl pkcs12 -export -inkey ...)");
        }
        return new ClusterTls(certificate, path);
    }

    /// <summary>Turns TLS on for remoting: mutual authentication, the pinned certificate on both sides.</summary>
    public void Apply(AkkaConfigurationBuilder builder)
    {
        builder.AddHocon("""
            akka.remote.dot-netty.tcp {
              enable-ssl = on
              ssl {
                require-mutual-authentication = on
                suppress-validation = off
                validate-certificate-hostname = off
              }
            }
            """, HoconAddMode.Prepend);
        builder.AddSetup(new DotNettySslSetup(Certificate, suppressValidation: false, requireMutualAuthentication: true,
            validateCertificateHostname: false, customValidator: Validate));
    }

    /// <summary>A seed address as this node must dial it: over TLS, <c>akka.tcp://</c> is <c>akka.ssl.tcp://</c>.</summary>
    public static string SeedAddress(string seed, bool tls) =>
        tls && seed.StartsWith(PlainScheme, StringComparison.Ordinal) ? TlsScheme + seed[PlainScheme.Length..] : seed;

    private bool Validate(X509Certificate2? peer, X509Chain? chain, string? remotePeer, System.Net.Security.SslPolicyErrors errors, ILoggingAdapter? log)
    {
        if (peer is not null && peer.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span)) return true;
        Interlocked.Increment(ref _refused);
        log?.Warning("cluster TLS: refused {0}: it presented {1}, not the cluster certificate {2}", remotePeer,
            peer is null ? "no certificate" : $"certificate {peer.Thumbprint} ({Printable(peer.Subject)})", Certificate.Thumbprint);
        return false;
    }

    /// <summary>The peer chose its certificate's subject: one bounded line in the log.</summary>
    private static string Printable(string text) => new(text.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
