using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RazorFaces.Tests.Support;

/// <summary>
/// A throwaway certificate authority and a server certificate it signed (for <c>localhost</c> and 127.0.0.1), as PEM
/// files in a temporary directory of their own, for a redis-server that speaks TLS (<see cref="RedisServer.Tls"/>).
/// Made with .NET's own APIs, so the tests need no openssl.
/// </summary>
public sealed class RedisTlsCertificates : IDisposable
{
    private RedisTlsCertificates(string directory, X509Certificate2 authority)
    {
        Directory = directory;
        Authority = authority;
    }

    /// <summary>The name the server certificate is issued to (the client's <c>SslHost</c>).</summary>
    public const string HostName = "localhost";

    /// <summary>Where the PEM files are.</summary>
    public string Directory { get; }

    /// <summary>The certificate authority (public part only).</summary>
    public X509Certificate2 Authority { get; }

    public string AuthorityFile => Path.Combine(Directory, "ca.crt");

    public string CertificateFile => Path.Combine(Directory, "redis.crt");

    public string KeyFile => Path.Combine(Directory, "redis.key");

    /// <summary>The redis-server arguments that serve TLS with these files, clients not asked for certificates.</summary>
    public IReadOnlyList<string> ServerArguments =>
        ["--tls-cert-file", CertificateFile, "--tls-key-file", KeyFile, "--tls-ca-cert-file", AuthorityFile, "--tls-auth-clients", "no"];

    public static RedisTlsCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("rf-redis-tls-").FullName;
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=RazorFaces test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        authorityRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(authorityRequest.PublicKey, false));
        using var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest($"CN={HostName}", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(HostName);
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var server = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));

        var certificates = new RedisTlsCertificates(directory, X509CertificateLoader.LoadCertificate(authority.RawData));
        File.WriteAllText(certificates.AuthorityFile, authority.ExportCertificatePem());
        File.WriteAllText(certificates.CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(certificates.KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }

    /// <summary>
    /// A client's check of the server's certificate that trusts only this authority (and wants the host name right):
    /// what an app gives <c>ConfigurationOptions.CertificateValidation</c> for a private CA.
    /// </summary>
    public bool Trusts(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(presented);
    }

    public void Dispose()
    {
        Authority.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
