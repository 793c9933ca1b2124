using System.Security.Cryptography;

namespace IdReissue.Infrastructure;

/// <summary>
/// A gateway credential (a private key, an APIv3 key, an SMS secret): the value itself, from the
/// environment or a secret store feeding configuration, or the path of a mounted file holding it (a
/// Kubernetes/Docker secret) under the same setting name with "File" appended. Never logged: a missing
/// one is reported by the setting's name only.
/// </summary>
public static class GatewaySecret
{
    public static string Require(string? value, string? file, string setting)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return File.Exists(file)
                ? File.ReadAllText(file).Trim()
                : throw new InvalidOperationException($"{setting}File names a file that does not exist: {file}.");
        }

        throw new InvalidOperationException($"Set {setting} (or {setting}File, a mounted file) for the configured gateway; see docs/operations.md.");
    }

    /// <summary>An RSA key as the gateways' consoles hand it out: PEM, or bare base64 of PKCS#8 / PKCS#1 (private) or SubjectPublicKeyInfo (public).</summary>
    public static RSA ImportRsa(string text, string setting)
    {
        var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(text);
                return rsa;
            }

            var der = Convert.FromBase64String(text);
            if (!TryImport(rsa, der))
            {
                throw new CryptographicException("not an RSA key");
            }

            return rsa;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            rsa.Dispose();
            // The key itself is never put in the message.
            throw new InvalidOperationException($"{setting} is not an RSA key in PEM or base64 DER form.", e);
        }
    }

    private static bool TryImport(RSA rsa, byte[] der)
    {
        foreach (var import in new Action<byte[]>[]
                 {
                     d => rsa.ImportPkcs8PrivateKey(d, out _),
                     d => rsa.ImportRSAPrivateKey(d, out _),
                     d => rsa.ImportSubjectPublicKeyInfo(d, out _),
                     d => rsa.ImportRSAPublicKey(d, out _),
                 })
        {
            try
            {
                import(der);
                return true;
            }
            catch (CryptographicException)
            {
                // Try the next layout.
            }
        }

        return false;
    }
}
