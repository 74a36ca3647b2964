using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NA64.Reco.Tests.Shared;

/// <summary>Self-signed certificates made in the test (no openssl at test time), written as PKCS#12 files.</summary>
public static class TestCertificates
{
    /// <summary>A new key and a self-signed certificate for it, usable by a TLS server and client, with its key.</summary>
    public static string WritePfx(string path, string subject, string password)
    {
        using var key = RSA.Create(2048);
        using var certificate = Request(subject, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>A PKCS#12 file holding a certificate without its private key.</summary>
    public static string WritePfxWithoutKey(string path, string subject, string password)
    {
        using var key = RSA.Create(2048);
        using var withKey = Request(subject, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var bare = X509CertificateLoader.LoadCertificate(withKey.RawData);
        File.WriteAllBytes(path, new X509Certificate2Collection(bare).Export(X509ContentType.Pfx, password)!);
        return path;
    }

    private static CertificateRequest Request(string subject, RSA key)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false)); // server and client authentication
        return request;
    }
}
