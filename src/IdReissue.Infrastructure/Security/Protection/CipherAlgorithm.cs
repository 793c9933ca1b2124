namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>Authenticated ciphers for personal data at rest. SM4-GCM (GB/T 32907) is the default the bureaus expect.</summary>
public enum CipherAlgorithm
{
    Sm4Gcm,
    Aes256Gcm,
}

public static class CipherAlgorithms
{
    public static int KeyBytes(this CipherAlgorithm algorithm) => algorithm == CipherAlgorithm.Sm4Gcm ? 16 : 32;

    /// <summary>The name stored in <see cref="DataKeyRecord.Algorithm"/> and accepted by <see cref="Parse"/>.</summary>
    public static string Name(this CipherAlgorithm algorithm) => algorithm == CipherAlgorithm.Sm4Gcm ? "SM4-GCM" : "AES-256-GCM";

    public static CipherAlgorithm Parse(string? name) => (name ?? "SM4-GCM").Trim().ToUpperInvariant() switch
    {
        "SM4-GCM" or "SM4GCM" or "SM4" => CipherAlgorithm.Sm4Gcm,
        "AES-256-GCM" or "AES256GCM" or "AES" => CipherAlgorithm.Aes256Gcm,
        var other => throw new InvalidOperationException($"Security:Algorithm '{other}' is not supported; use SM4-GCM or AES-256-GCM."),
    };
}
