using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace IdReissue.Infrastructure.Security.Protection;

/// <summary>
/// Encrypts personal data for the database and computes its blind indexes. A protected value names the
/// data key that sealed it, so keys can be added (rotation) while old values stay readable; the column
/// it belongs to is bound in as associated data, so a ciphertext moved to another column fails to open.
/// </summary>
public sealed class PersonalDataProtector(IMasterKeyStore masterKeys, TimeProvider time)
{
    private const string TextPrefix = "e1.";
    private const byte BinaryMarker = 0xE1;
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private KeyRing? _ring;
    private Func<IReadOnlyList<DataKeyRecord>>? _reload;

    public bool IsReady => _ring is not null;

    /// <summary>Installs the key ring read from the database, and how to read it again when a new key appears.</summary>
    public void Use(IReadOnlyList<DataKeyRecord> records, Func<IReadOnlyList<DataKeyRecord>> reload)
    {
        _reload = reload;
        _ring = KeyRing.Unwrap(records, masterKeys, time.GetUtcNow());
    }

    public string Protect(string plaintext, string column) =>
        TextPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), column));

    /// <summary>Values written before encryption was switched on are read as they are (a migration re-saves them).</summary>
    public string Unprotect(string stored, string column) =>
        stored.StartsWith(TextPrefix, StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Open(Convert.FromBase64String(stored[TextPrefix.Length..]), column))
            : stored;

    public byte[] ProtectBytes(byte[] plaintext, string column)
    {
        var sealedValue = Seal(plaintext, column);
        var output = new byte[sealedValue.Length + 1];
        output[0] = BinaryMarker;
        sealedValue.CopyTo(output, 1);
        return output;
    }

    public byte[] UnprotectBytes(byte[] stored, string column) =>
        stored.Length > 1 + 16 + AuthenticatedCipher.NonceBytes + AuthenticatedCipher.TagBytes && stored[0] == BinaryMarker
            ? Open(stored.AsSpan(1).ToArray(), column)
            : stored;

    /// <summary>HMAC-SM3 of a normalised value under the index key: equal values give equal indexes, and nothing else is learnt.</summary>
    public string BlindIndex(string kind, string value)
    {
        var ring = Ring();
        return Convert.ToHexStringLower(Sm3.Hmac(ring.IndexKey, Encoding.UTF8.GetBytes(kind + "\n" + value)));
    }

    public Guid ActiveDataKeyId => Ring().ActiveDataKeyId;

    private byte[] Seal(byte[] plaintext, string column)
    {
        var ring = Ring();
        var key = ring.Keys[ring.ActiveDataKeyId];
        var sealedValue = AuthenticatedCipher.Seal(key.Algorithm, key.Key, plaintext, Aad(ring.ActiveDataKeyId, column));
        var output = new byte[16 + sealedValue.Length];
        ring.ActiveDataKeyId.TryWriteBytes(output);
        sealedValue.CopyTo(output, 16);
        return output;
    }

    private byte[] Open(byte[] data, string column)
    {
        var keyId = new Guid(data.AsSpan(0, 16));
        var ring = Ring();
        if (!ring.Keys.TryGetValue(keyId, out var key))
        {
            ring = Reload();
            key = ring.Keys.TryGetValue(keyId, out var found) ? found : throw new CryptographicException($"Data key {keyId} is unknown.");
        }

        return AuthenticatedCipher.Open(key.Algorithm, key.Key, data.AsSpan(16), Aad(keyId, column));
    }

    private static byte[] Aad(Guid keyId, string column)
    {
        var aad = new byte[16 + Encoding.ASCII.GetByteCount(column)];
        keyId.TryWriteBytes(aad);
        Encoding.ASCII.GetBytes(column, aad.AsSpan(16));
        return aad;
    }

    private KeyRing Ring()
    {
        var ring = _ring ?? throw new InvalidOperationException("The key ring is not loaded yet (DatabaseInitializer loads it at start).");
        return time.GetUtcNow() - ring.LoadedAt > RefreshEvery ? Reload() : ring;
    }

    /// <summary>Another node may have added a data key (rotation); read the ring again.</summary>
    private KeyRing Reload()
    {
        lock (_gate)
        {
            if (_reload is null)
            {
                return _ring!;
            }

            _ring = KeyRing.Unwrap(_reload(), masterKeys, time.GetUtcNow());
            return _ring;
        }
    }

    private sealed record KeyRing(IReadOnlyDictionary<Guid, UnwrappedKey> Keys, Guid ActiveDataKeyId, byte[] IndexKey, DateTimeOffset LoadedAt)
    {
        public static KeyRing Unwrap(IReadOnlyList<DataKeyRecord> records, IMasterKeyStore masterKeys, DateTimeOffset now)
        {
            var keys = records.ToDictionary(r => r.Id, r => new UnwrappedKey(
                CipherAlgorithms.Parse(r.Algorithm), masterKeys.Unwrap(r.MasterKeyId, r.WrappedKey, r.Id.ToString())));
            var active = records.Where(r => r.Purpose == DataKeyRecord.DataPurpose).OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id).FirstOrDefault()
                ?? throw new InvalidOperationException("No data key exists.");
            var index = records.SingleOrDefault(r => r.Purpose == DataKeyRecord.IndexPurpose)
                ?? throw new InvalidOperationException("No blind-index key exists.");
            return new KeyRing(keys, active.Id, keys[index.Id].Key, now);
        }
    }

    private sealed record UnwrappedKey(CipherAlgorithm Algorithm, byte[] Key);
}
