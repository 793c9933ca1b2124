using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Master keys from configuration (`Security:MasterKeys:{id}` = 32 random bytes in base64, from the
/// environment or a secret store, never from the repository) and `Security:ActiveMasterKey`. Old keys
/// stay listed until `security rotate-master-key` has re-wrapped every data key with the active one.
/// </summary>
/// <remarks>
/// A wrapped key names the cipher it was wrapped with (a two-byte header), because `Security:Algorithm`
/// may change after keys were wrapped: it decides how *new* keys are wrapped, never how old ones open.
/// Keys wrapped before the header existed carry no name; they are opened by trying the configured cipher
/// and then the other (GCM's tag tells the right one), and `rotate-master-key` rewrites them with a header.
/// </remarks>
public sealed class ConfiguredMasterKeys : IMasterKeyStore
{
    private const byte HeaderMarker = 0x57;
    private const int HeaderBytes = 2;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly CipherAlgorithm _algorithm;

    public ConfiguredMasterKeys(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId, CipherAlgorithm algorithm)
    {
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new InvalidOperationException($"Security:ActiveMasterKey '{activeKeyId}' is not among Security:MasterKeys.");
        }

        foreach (var (id, key) in keys)
        {
            if (key.Length != 32)
            {
                throw new InvalidOperationException($"Master key '{id}' must be 32 bytes (base64 of 32 random bytes).");
            }
        }

        _keys = keys.ToDictionary(k => k.Key, k => k.Value, StringComparer.Ordinal);
        _algorithm = algorithm;
        ActiveKeyId = activeKeyId;
    }

    public string ActiveKeyId { get; }

    /// <summary>The cipher a wrapped key was wrapped with, or null for a key wrapped before wrapped keys named it.</summary>
    public static CipherAlgorithm? WrappingAlgorithmOf(ReadOnlySpan<byte> wrappedKey) =>
        wrappedKey.Length > HeaderBytes + AuthenticatedCipher.NonceBytes + AuthenticatedCipher.TagBytes && wrappedKey[0] == HeaderMarker
            && (wrappedKey.Length - HeaderBytes - AuthenticatedCipher.NonceBytes - AuthenticatedCipher.TagBytes) is 16 or 32
            && wrappedKey[1] is (byte)CipherAlgorithm.Sm4Gcm + 1 or (byte)CipherAlgorithm.Aes256Gcm + 1
                ? (CipherAlgorithm)(wrappedKey[1] - 1)
                : null;

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string dataKeyId)
    {
        byte[] header = [HeaderMarker, (byte)((byte)_algorithm + 1)];
        var sealedKey = AuthenticatedCipher.Seal(_algorithm, WrappingKey(ActiveKeyId, _algorithm), dataKey, AssociatedData(header, dataKeyId));
        return [.. header, .. sealedKey];
    }

    public byte[] Unwrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey, string dataKeyId)
    {
        if (!_keys.ContainsKey(masterKeyId))
        {
            throw new CryptographicException($"Master key '{masterKeyId}' is not configured; it is needed to unwrap data key {dataKeyId}.");
        }

        if (WrappingAlgorithmOf(wrappedKey) is { } recorded)
        {
            return AuthenticatedCipher.Open(recorded, WrappingKey(masterKeyId, recorded), wrappedKey[HeaderBytes..], AssociatedData(wrappedKey[..HeaderBytes], dataKeyId));
        }

        // Wrapped before keys named their cipher: the configured one is the likely one, the other the fallback.
        var legacyData = Encoding.ASCII.GetBytes(dataKeyId);
        var other = _algorithm == CipherAlgorithm.Sm4Gcm ? CipherAlgorithm.Aes256Gcm : CipherAlgorithm.Sm4Gcm;
        try
        {
            return AuthenticatedCipher.Open(_algorithm, WrappingKey(masterKeyId, _algorithm), wrappedKey, legacyData);
        }
        catch (CryptographicException)
        {
            return AuthenticatedCipher.Open(other, WrappingKey(masterKeyId, other), wrappedKey, legacyData);
        }
    }

    /// <summary>Besides keys under an old master key, keys wrapped before they named their cipher are re-wrapped.</summary>
    public bool NeedsRewrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey) =>
        masterKeyId != ActiveKeyId || WrappingAlgorithmOf(wrappedKey) != _algorithm;

    /// <summary>The header is authenticated too, so the named cipher cannot be swapped for the other.</summary>
    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string dataKeyId) => [.. header, .. Encoding.ASCII.GetBytes(dataKeyId)];

    /// <summary>SM4 takes 128-bit keys: it gets a key derived from the master key by HMAC-SM3, AES the key itself.</summary>
    private byte[] WrappingKey(string id, CipherAlgorithm algorithm) => algorithm == CipherAlgorithm.Aes256Gcm
        ? _keys[id]
        : Sm3.Hmac(_keys[id], "idreissue/master-wrap"u8)[..16];
}
