using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Master keys from configuration (`Security:MasterKeys:{id}` = 32 random bytes in base64, from the
/// environment or a secret store, never from the repository) and `Security:ActiveMasterKey`. Old keys
/// stay listed until `security rotate-master-key` has re-wrapped every data key with the active one.
/// </summary>
public sealed class ConfiguredMasterKeys : IMasterKeyStore
{
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

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string dataKeyId) =>
        AuthenticatedCipher.Seal(_algorithm, WrappingKey(ActiveKeyId), dataKey, Encoding.ASCII.GetBytes(dataKeyId));

    public byte[] Unwrap(string masterKeyId, ReadOnlySpan<byte> wrappedKey, string dataKeyId)
    {
        if (!_keys.ContainsKey(masterKeyId))
        {
            throw new CryptographicException($"Master key '{masterKeyId}' is not configured; it is needed to unwrap data key {dataKeyId}.");
        }

        return AuthenticatedCipher.Open(_algorithm, WrappingKey(masterKeyId), wrappedKey, Encoding.ASCII.GetBytes(dataKeyId));
    }

    /// <summary>SM4 takes 128-bit keys: it gets a key derived from the master key by HMAC-SM3, AES the key itself.</summary>
    private byte[] WrappingKey(string id) => _algorithm == CipherAlgorithm.Aes256Gcm
        ? _keys[id]
        : Sm3.Hmac(_keys[id], "idreissue/master-wrap"u8)[..16];
}
